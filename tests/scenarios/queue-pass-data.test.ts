import { describe, expect, it } from 'vitest';
import { ofType, runScenario } from '../fixtures/scenarios/run-scenario';

describe('queue-pass-data scenario', () => {
  it('four processes each put one random number, and the parent gets all four', async () => {
    const run = await runScenario('queue-pass-data', {});
    const numbers = run.summary.result as number[];
    expect(numbers).toHaveLength(4);
    for (const n of numbers) {
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(1);
    }
    expect(run.summary.expected).toBeUndefined();

    // One put from each of the four children, then the parent's four gets after every exit.
    const children = ofType(run.events, 'process-start').map((e) => e.pid);
    expect(new Set(children).size).toBe(4);
    const puts = ofType(run.events, 'queue-put');
    expect(puts.map((e) => e.pid).sort()).toEqual([...children].sort());
    const gets = ofType(run.events, 'queue-get');
    expect(gets).toHaveLength(4);
    expect(gets.every((e) => e.ok && !children.includes(e.pid))).toBe(true);
    const exits = ofType(run.events, 'process-exit');
    expect(exits.map((e) => e.exitCode)).toEqual([0, 0, 0, 0]);
    const lastExit = Math.max(...exits.map((e) => e.ts));
    expect(gets.every((e) => e.ts > lastExit)).toBe(true);
    // The gets returned what was put, in the order it arrived.
    const sortedPuts = [...puts].sort((a, b) => a.ts - b.ts);
    expect(sortedPuts.map((e) => e.item)).toEqual(numbers.map((n) => String(n)));
  });
});
