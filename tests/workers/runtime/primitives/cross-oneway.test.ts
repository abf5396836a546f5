/**
 * One-way operations from other contexts (a put on an unbounded queue, a release, a Value
 * write): they resolve without waiting for the owner, yet the owner performs them before
 * anything the caller does next, before the caller's task result, and before its exit; a failure
 * rejects the caller's next operation on the primitive, once.
 */
import { describe, expect, it } from 'vitest';
import { Lock, Queue, Value, task } from '../../../../src/workers/runtime/index';
import { setShmForNewPrimitives } from '../../../../src/workers/runtime/shm/arena';
import { fixture, trackedPool } from '../helpers';
import { BACKENDS, joinAll, spawn } from './cross-helpers';

const target = (name: string) => task(fixture('perf-tasks.ts'), name);

describe.each(BACKENDS)('one-way operations (%s backend)', (backend) => {
  it("a pool task's puts are all in the queue when its result arrives", async () => {
    const pool = trackedPool({ processes: 1, backend });
    const queue = new Queue<number>();
    expect(await pool.apply(target('putMany'), [queue, 500])).toBe(500);
    expect(await queue.qsize()).toBe(500);
    const got: number[] = [];
    for (let i = 0; i < 500; i++) got.push(await queue.getNowait());
    expect(got).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it("a child's puts are all in the queue once it has exited", async () => {
    const queue = new Queue<number>();
    const child = await spawn(backend, target('putMany'), [queue, 300]);
    await joinAll(child);
    expect(await queue.qsize()).toBe(300);
  });

  it('a put on a closed queue resolves, and the failure rejects a later operation once', async () => {
    const queue = new Queue<number>();
    const out = new Queue<Record<string, unknown>>();
    await queue.close();
    const child = await spawn(backend, target('putAfterClose'), [queue, out]);
    const seen = await out.get();
    await joinAll(child);
    expect(seen.put).toEqual({ value: undefined });
    // The operation sent right after the put left before the failure came back.
    expect(seen.next).toEqual({ value: true });
    expect(seen.later).toMatchObject({ error: { name: 'QueueClosedError' } });
    expect((seen.later as { error: { message: string } }).error.message).toMatch(/earlier put\(\)/);
    expect(seen.again).toEqual({ value: true });
    expect(await queue.qsize()).toBe(0);
  });

  // A thread shares this process's memory; another process maps the lock's segment, or, where the
  // lock is not in one (no addon), asks this process.
  const memories = backend === 'thread' ? ['shared memory'] : ['a segment', 'the owner'];
  it.each(memories)(
    'a release of a free lock fails: at once in %s, else on the next operation; then the lock works',
    async (memory) => {
      setShmForNewPrimitives(memory !== 'the owner');
      const lock = new Lock();
      setShmForNewPrimitives(true);
      const out = new Queue<Record<string, unknown>>();
      const child = await spawn(backend, target('releaseUnheld'), [lock, out]);
      const seen = await out.get();
      await joinAll(child);
      expect(seen.locked).toEqual({ value: false });
      if (memory !== 'the owner') {
        // The child locks the memory itself: nothing is one-way.
        expect(seen.release).toMatchObject({ error: { name: 'RangeError' } });
        expect(seen.acquire).toEqual({ value: true });
        expect(seen.retry).toEqual({ value: false });
        return;
      }
      expect(seen.release).toEqual({ value: undefined });
      expect(seen.acquire).toMatchObject({ error: { name: 'RangeError' } });
      expect((seen.acquire as { error: { message: string } }).error.message).toMatch(/earlier release\(\)/);
      expect(seen.retry).toEqual({ value: true });
      expect(seen.heldNow).toEqual({ value: true });
      expect(await lock.locked()).toBe(false);
    },
  );

  it.each(memories)(
    'a bad Value write is refused at once; every good write is seen by the next read (%s)',
    async (memory) => {
      setShmForNewPrimitives(memory !== 'the owner');
      const value = new Value('i', 0);
      setShmForNewPrimitives(true);
      const out = new Queue<{ bad: unknown; results: number[] }>();
      const child = await spawn(backend, target('setValues'), [value, out]);
      const seen = await out.get();
      await joinAll(child);
      expect(seen.bad).toMatchObject({ error: { name: 'TypeError' } });
      expect(seen.results).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(await value.get()).toBe(50);
    },
  );
});
