/** `parascope scenarios [--json]`: the built-in scenarios and their parameters. */
import type { ScenarioInfo } from '../../shared/scenarios';
import { defineCommand, println } from './command';
import { paramUsage } from './run-params';

function describeScenario(s: ScenarioInfo): string[] {
  return [`${s.id}  ${s.title}`, `    ${s.purpose}`, ...s.params.map((p) => `    ${paramUsage(p)}`)];
}

/** The `scenarios` command. */
export const scenariosCommand = defineCommand(
  {
    name: 'scenarios',
    summary: "List the built-in scenarios (run one with 'parascope run <scenario>').",
    args: [],
    flags: { json: { kind: 'boolean', help: 'Print the ScenarioInfo list as JSON' } },
  },
  async ({ flags }, { io, deps }) => {
    const list = deps.createSessionRunner({}).list();
    if (flags.json) {
      println(io.stdout, JSON.stringify(list, null, 2));
      return 0;
    }
    println(io.stdout, list.flatMap((s, i) => [...(i > 0 ? [''] : []), ...describeScenario(s)]).join('\n'));
    return 0;
  },
);
