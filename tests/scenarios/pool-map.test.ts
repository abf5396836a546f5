import { describe, expect, it } from 'vitest';
import { expected, main, square } from '../../src/scenarios/pool-map';
import { ofType, runScenario, taskSpans } from '../fixtures/scenarios/run-scenario';

const ctx = { signal: new AbortController().signal, log: () => {} };

describe('pool-map scenario', () => {
  it('squares a number (the task)', () => {
    expect(square(7)).toBe(49);
  });

  it("expects the notebook's answer", () => {
    expect(expected()).toEqual([1, 4, 9, 16, 25, 36, 49, 64]);
  });

  it('maps square over 1..8 on a real pool, for one worker and for several', async () => {
    for (const workers of [1, 3]) {
      expect(await main(ctx, { workers })).toEqual(expected());
    }
  });

  it('run as a session: the squares, one traced task per item on at most `workers` workers', async () => {
    const run = await runScenario('pool-map', { workers: 2 });
    expect(run.summary).toMatchObject({ result: expected(), expected: expected(), ok: true, tasks: 8 });
    const spans = taskSpans(run.events);
    expect(spans.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(ofType(run.events, 'task-submit').map((e) => e.args)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
    ]);
    expect(new Set(spans.map((s) => s.workerId)).size).toBeLessThanOrEqual(2);
    expect(ofType(run.events, 'task-end').every((e) => e.ok)).toBe(true);
    expect(run.output).toContain('[1,4,9,16,25,36,49,64]');
  });
});
