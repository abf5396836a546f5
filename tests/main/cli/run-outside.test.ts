// `parascope run` on a user's workload in their own project, outside this checkout: its
// `import … from 'parascope/runtime'` resolves (ES module and TypeScript compiled to CommonJS).
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import type { RunSummary } from '../../../src/shared/scenarios';
import { userProject, type UserProject } from '../../workers/runtime/self-resolve-helpers';
import { capture } from './capture';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const RIGHT = { squares: [1, 4, 9, 16, 25, 36], counter: 6 };

let project: UserProject;
beforeAll(() => {
  project = userProject();
});
afterAll(() => project.dispose());

describe('parascope run <file outside the checkout>', () => {
  it.each([
    ['workload.mjs', 'process'],
    ['workload.ts', 'thread'],
  ] as const)('runs %s on %s workers and it is right', async (name, backend) => {
    const c = capture(new AbortController().signal);
    const code = await runCli(['run', join(project.dir, name), '--backend', backend, '--json'], c.io);
    expect(c.stderr()).toContain('squares 1,4,9,16,25,36');
    expect(code).toBe(0);
    expect(JSON.parse(c.stdout())).toMatchObject({ result: RIGHT, ok: true, tasks: 6 });
  });

  it('as a user types it: `node bin/parascope.mjs run ./workload.mjs` in their project', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(root, 'bin', 'parascope.mjs'), 'run', './workload.mjs', '--json'],
      { cwd: project.dir },
    );
    const summary = JSON.parse(stdout) as RunSummary;
    expect(summary).toMatchObject({ scenario: project.workloadMjs, result: RIGHT, ok: true });
  });
});
