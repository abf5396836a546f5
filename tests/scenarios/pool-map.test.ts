import { describe, expect, it } from 'vitest';
import { expected, main, square } from '../../src/scenarios/pool-map';

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
});
