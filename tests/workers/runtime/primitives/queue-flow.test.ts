/**
 * Items of a producer that puts in a loop flow to the owner while it runs: a loop of one-way
 * puts never yields on its own, and a backed-up link then makes its puts wait until what was
 * held has left (context/frame-socket.ts), so the owner gets items in order while more are made,
 * and runs of puts are performed, and fail, as the separate puts.
 */
import { describe, expect, it } from 'vitest';
import { Pool, Queue, task } from '../../../../src/workers/runtime/index';
import { fixture, trackedPool } from '../helpers';
import { BACKENDS, joinAll, spawn } from './cross-helpers';

const target = (name: string) => task(fixture('queue-flow-tasks.ts'), name);

describe.each(BACKENDS)('queue flow (%s backend)', (backend) => {
  it('a producer that never stops putting still delivers its items, in order, while it runs', async () => {
    const queue = new Queue<number>();
    const child = await spawn(backend, target('putForever'), [queue]);
    // Far more than a socket's buffer holds: before, these waited for the loop to end (never).
    for (let i = 0; i < 60_000; i++) {
      const item = await queue.get();
      if (item !== i) expect(item).toBe(i);
    }
    await child.terminate();
  });

  it('puts made in a burst on a closed queue all fail, each reported by a later operation of the child', async () => {
    const queue = new Queue<number>();
    await queue.close();
    const out = new Queue<{ errors: { name: string; message: string }[]; empty: boolean | null }>();
    const child = await spawn(backend, target('putManyAfterClose'), [queue, 10_000, out]);
    const seen = await out.get();
    await joinAll(child);
    expect(seen.empty).toBe(true);
    expect(seen.errors.length).toBeGreaterThan(0);
    for (const error of seen.errors) {
      expect(error.name).toBe('QueueClosedError');
      expect(error.message).toMatch(/earlier put\(\)/);
    }
    expect(await queue.qsize()).toBe(0);
  });

  it("a pool task's burst of puts is all in the queue, in order, when its result arrives", async () => {
    const pool: Pool = trackedPool({ processes: 1, backend });
    const queue = new Queue<number>();
    expect(await pool.apply(task(fixture('perf-tasks.ts'), 'putMany'), [queue, 40_000])).toBe(40_000);
    expect(await queue.qsize()).toBe(40_000);
    for (let i = 0; i < 40_000; i++) {
      const item = await queue.getNowait();
      if (item !== i) expect(item).toBe(i);
    }
  });
});
