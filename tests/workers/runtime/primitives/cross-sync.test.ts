/**
 * Event, Condition, Barrier and Semaphore across real children (processes and threads).
 */
import { describe, expect, it } from 'vitest';
import {
  Barrier,
  BrokenBarrierError,
  Condition,
  Event,
  Queue,
  Semaphore,
  Value,
} from '../../../../src/workers/runtime/index';
import { BACKENDS, joinAll, recordTrace, spawn, syncTarget } from './cross-helpers';

describe.each(BACKENDS)('synchronisation across children (%s backend)', (backend) => {
  it('Event: a child waiting on it wakes when the parent sets it', async () => {
    const event = new Event();
    const out = new Queue();
    const child = await spawn(backend, syncTarget('waitForEvent'), [event, out]);
    await event.set();
    // The child cleared it after waking: its second wait, with no time to wait, saw it clear.
    expect(await out.get()).toEqual({ first: true, second: false });
    expect(await event.isSet()).toBe(false);
    await joinAll(child);
  });

  it('Condition: a consumer child waiting on it is woken by the parent’s notify', async () => {
    const cond = new Condition();
    const stock = new Value('i', 0, { lock: false });
    const ready = new Event();
    const out = new Queue();
    const child = await spawn(backend, syncTarget('consumeOnCondition'), [cond, stock, ready, out]);
    await ready.wait();
    // The child set `ready` holding the lock: the parent gets it only once the child waits.
    await cond.withLock(async () => {
      await stock.set(1);
      await cond.notify();
    });
    expect(await out.get()).toEqual({ seen: true, pid: child.pid, tid: child.threadId });
    expect(stock.value).toBe(0);
    await joinAll(child);
  });

  it('Barrier: the parent and two children pass it together twice, with indexes 0..2 each time', async () => {
    const barrier = new Barrier(3);
    const out = new Queue<{ generation: number; index: number }>();
    const children = await Promise.all([
      spawn(backend, syncTarget('waitGenerations'), [barrier, 2, out]),
      spawn(backend, syncTarget('waitGenerations'), [barrier, 2, out]),
    ]);
    const mine = [await barrier.wait(), await barrier.wait()];
    await joinAll(...children);
    const reports = [...Array(4)].map(() => out.getNowait());
    const all = [
      ...(await Promise.all(reports)),
      ...mine.map((index, generation) => ({ generation, index })),
    ];
    for (const generation of [0, 1]) {
      const indexes = all.filter((r) => r.generation === generation).map((r) => r.index);
      expect(indexes.sort()).toEqual([0, 1, 2]);
    }
    expect(await barrier.broken()).toBe(false);
  });

  it('Barrier: a party killed while waiting breaks it for the others (no hang)', async () => {
    const trace = recordTrace();
    const barrier = new Barrier(3);
    const out = new Queue();
    const arrived = (child: { pid?: number; threadId?: number }) =>
      trace.waitFor(
        (e) =>
          e.type === 'barrier-wait' &&
          e.action === 'arrive' &&
          e.pid === child.pid &&
          e.tid === child.threadId,
      );
    const doomed = await spawn(backend, syncTarget('waitAtBarrierForever'), [barrier]);
    await arrived(doomed);
    const survivor = await spawn(backend, syncTarget('waitOnceReporting'), [barrier, out]);
    await arrived(survivor);
    // Two of three parties wait; the third will never come, because one of the two dies.
    await doomed.kill();
    expect(await out.get()).toMatchObject({ error: { name: 'BrokenBarrierError' }, broken: true });
    await expect(barrier.wait()).rejects.toBeInstanceOf(BrokenBarrierError);
    await joinAll(survivor);
    await barrier.reset();
    expect(await barrier.broken()).toBe(false);
  });

  it('Semaphore(2): at most two children inside at once, and a third acquire waits', async () => {
    const sem = new Semaphore(2);
    const active = new Value('i', 0);
    const peak = new Value('i', 0, { lock: false });
    const users = await Promise.all(
      [1, 2, 3].map(() => spawn(backend, syncTarget('useSlot'), [sem, active, peak, 20])),
    );
    await joinAll(...users);
    expect(peak.value).toBeGreaterThanOrEqual(1);
    expect(peak.value).toBeLessThanOrEqual(2);
    expect(active.value).toBe(0);
    expect(await sem.getValue()).toBe(2);

    // Two children hold a unit each: the semaphore is exhausted until one lets go.
    const [held1, held2, release] = [new Event(), new Event(), new Event()];
    const holders = [
      await spawn(backend, syncTarget('holdUntil'), [sem, held1, release]),
      await spawn(backend, syncTarget('holdUntil'), [sem, held2, release]),
    ];
    await held1.wait();
    await held2.wait();
    expect(await sem.acquire({ blocking: false })).toBe(false);
    const third = sem.acquire();
    await release.set();
    expect(await third).toBe(true);
    await joinAll(...holders);
    expect(await sem.getValue()).toBe(1);
    await sem.release();
  });
});
