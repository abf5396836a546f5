import { describe, expect, it } from 'vitest';
import { expected } from '../../src/scenarios/process-join';
import { ofType, runScenario } from '../fixtures/scenarios/run-scenario';

const CONTINENTS = ['America', 'Europe', 'Africa'];

describe('process-join scenario', () => {
  it('starts three processes one after another, each prints its continent, and all are joined', async () => {
    const run = await runScenario('process-join', {});
    expect(run.summary).toMatchObject({ expected: expected(), ok: true });
    expect(run.summary.result).toEqual(CONTINENTS.map((continent) => ({ continent, exitCode: 0 })));

    const starts = ofType(run.events, 'process-start');
    const exits = ofType(run.events, 'process-exit');
    expect(starts.map((e) => e.name)).toEqual(['Process-1', 'Process-2', 'Process-3']);
    expect(starts.every((e) => e.backend === 'process' && e.target.includes('printFunc'))).toBe(true);
    // Started one after another: each start() resolved before the next began.
    for (let i = 1; i < starts.length; i++) expect(starts[i]!.ts).toBeGreaterThan(starts[i - 1]!.ts);
    expect(new Set(starts.map((e) => e.pid)).size).toBe(3);

    // Each child printed its line and ended with 0; the run returned only after every exit.
    expect(exits.map((e) => [e.name, e.exitCode]).sort()).toEqual([
      ['Process-1', 0],
      ['Process-2', 0],
      ['Process-3', 0],
    ]);
    for (const [i, start] of starts.entries()) {
      const line = ofType(run.events, 'output').find((e) => e.pid === start.pid);
      expect(line?.line).toBe(`The name of continent is :  ${CONTINENTS[i]}`);
    }
    expect(run.output).toEqual(
      expect.arrayContaining(CONTINENTS.map((c) => `The name of continent is :  ${c}`)),
    );
    expect(run.output.at(-1)).toBe('joined Process-1, Process-2, Process-3');
  });
});
