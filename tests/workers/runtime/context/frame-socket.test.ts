/**
 * The frame channel between a pool and its worker processes, end to end: values of every kind
 * the advanced IPC carried come back equal, a message far larger than the kernel's socket
 * buffer crosses whole both ways (backpressure), and a worker's death is still seen after its
 * last message.
 */
import { describe, expect, it } from 'vitest';
import { WorkerDiedError } from '../../../../src/workers/runtime/index';
import { trackedPool } from '../helpers';
import { poolTask } from '../pool-helpers';

describe('frame channel (process workers)', () => {
  it('carries what advanced serialization carried: typed arrays, Maps, BigInts, undefined, NaN, -0, cycles', async () => {
    const pool = trackedPool({ processes: 1, backend: 'process' });
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle.self = cycle;
    const args = [
      new Float64Array([1.5, NaN, -0]),
      new Map([['k', new Set([1, 2])]]),
      2n ** 70n,
      { a: undefined, b: [undefined, null] },
      new Date(86_400_000),
      cycle,
      'plain',
      { nested: [1, 'two', { three: true }] },
    ];
    const back = await pool.apply<unknown[]>(poolTask('echo'), args);
    expect(back).toEqual(args);
    expect(Object.is((back[0] as Float64Array)[2], -0)).toBe(true);
    expect('a' in (back[3] as object)).toBe(true);
    const loop = back[5] as Record<string, unknown>;
    expect(loop.self).toBe(loop);
  });

  it('moves a 48 MB argument and result whole, however the kernel splits them', async () => {
    const pool = trackedPool({ processes: 1, backend: 'process' });
    const big = new Float64Array(6_000_000).map((_, i) => i);
    const text = 'x'.repeat(1_000_000);
    const [back, echoed] = await pool.apply<[Float64Array, string]>(poolTask('echo'), [big, text]);
    expect(back.length).toBe(big.length);
    expect(back[5_999_999]).toBe(5_999_999);
    expect(echoed).toBe(text);
  });

  it("reports a worker's death, with its exit code, after its last result", async () => {
    const pool = trackedPool({ processes: 1, backend: 'process' });
    expect(await pool.apply(poolTask('square'), [4])).toBe(16);
    await expect(pool.apply(poolTask('squareOrExit'), [-1])).rejects.toBeInstanceOf(WorkerDiedError);
    expect(await pool.apply(poolTask('square'), [5])).toBe(25);
  });
});
