import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { localTag, newPrimitiveInfo, tagOf } from '../../../../src/workers/runtime/context/identity';
import type { Caller } from '../../../../src/workers/runtime/context/served';
import { ConditionCore, type ConditionWaitResult } from '../../../../src/workers/runtime/sync/condition-core';
import { LockCore } from '../../../../src/workers/runtime/sync/lock-core';
import { SyncThread, shareObject } from './sync-threads';
import { setShmForNewPrimitives } from '../../../../src/workers/runtime/shm/arena';

// These tests drive the SharedArrayBuffer memory that threads share through workerData; the same
// cores on segment memory, across processes, are tested in tests/workers/runtime/shm/.
setShmForNewPrimitives(false);

const me = localTag(threadId);
const newCondition = (maxWaiters?: number): ConditionCore =>
  ConditionCore.create(newPrimitiveInfo('condition'), undefined, maxWaiters);
const callerOf = (thread: SyncThread): Caller => ({
  address: `${process.pid}.${thread.tag - 1}`,
  pid: process.pid,
  tid: thread.tag - 1,
  tag: thread.tag,
});
const notified = { outcome: 'notified', abandoned: false, held: true };

describe('ConditionCore', () => {
  it('notify(n) wakes exactly n waiters, oldest first', async () => {
    const cond = newCondition();
    const objects = { cond: shareObject('condition', cond) };
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => SyncThread.start(objects)));
    const waits = [];
    for (const thread of [a!, b!, c!]) {
      const wait = thread.send({ cmd: 'cond-wait', obj: 'cond' });
      await wait.started; // registered in this order
      waits.push(wait);
    }
    expect(cond.nWaiting()).toBe(3);
    expect(await cond.lock.acquire(me)).toBe('acquired');
    expect(cond.notify(me, 2)).toBe(2);
    expect(cond.nWaiting()).toBe(1);
    cond.lock.release(me);
    expect(await waits[0]!.done).toEqual(notified);
    expect(await waits[1]!.done).toEqual(notified);
    expect(cond.nWaiting()).toBe(1);
    await cond.lock.acquire(me);
    expect(cond.notify(me)).toBe(1);
    expect(cond.notify(me)).toBe(0);
    cond.lock.release(me);
    expect(await waits[2]!.done).toEqual(notified);
  });

  it('notifyAll wakes every waiter', async () => {
    const cond = newCondition();
    const objects = { cond: shareObject('condition', cond) };
    const threads = await Promise.all([1, 2].map(() => SyncThread.start(objects)));
    const waits = threads.map((t) => t.send({ cmd: 'cond-wait', obj: 'cond' }));
    await Promise.all(waits.map((w) => w.started));
    await cond.lock.acquire(me);
    expect(cond.notifyAll(me)).toBe(2);
    cond.lock.release(me);
    expect(await Promise.all(waits.map((w) => w.done))).toEqual([notified, notified]);
  });

  it('a wait that times out returns timeout and holds the lock again (as Python)', async () => {
    const cond = newCondition();
    const thread = await SyncThread.start({ cond: shareObject('condition', cond) });
    const result = await thread.send({ cmd: 'cond-wait', obj: 'cond', timeoutMs: 20 }).done;
    expect(result).toEqual({ outcome: 'timeout', abandoned: false, held: true });
    expect(cond.nWaiting()).toBe(0);
    expect(cond.lock.locked()).toBe(false);
  });

  it('refuses wait and notify from a context that does not hold the lock', async () => {
    const cond = newCondition();
    await expect(cond.wait(me)).rejects.toThrow(/un-acquired lock/);
    expect(() => cond.notify(me)).toThrow(RangeError);
    expect(() => cond.notifyAll(me)).toThrow(RangeError);
    cond.lock.tryAcquire(me + 1);
    expect(() => cond.notify(me)).toThrow(RangeError);
    expect(() => cond.notify(me + 1, -1)).toThrow(/"n"/);
  });

  it('restores an RLock recursion depth after the wait', async () => {
    const cond = newCondition();
    for (let i = 0; i < 3; i++) await cond.lock.acquire(me);
    const result = await cond.wait(me, { timeoutMs: 10 });
    expect(result).toEqual({ outcome: 'timeout', abandoned: false });
    expect(cond.lock.recursionCount()).toBe(3);
  });

  it('works over a given plain Lock shared with other code', async () => {
    const lock = LockCore.create(newPrimitiveInfo('lock'));
    const cond = ConditionCore.create(newPrimitiveInfo('condition'), lock);
    expect(cond.lock).toBe(lock);
    lock.tryAcquire(me);
    expect((await cond.wait(me, { timeoutMs: 5 })).outcome).toBe('timeout');
    expect(lock.heldBy(me)).toBe(true);
  });

  it('a cancelled wait leaves without the lock and without a slot', async () => {
    const cond = newCondition();
    await cond.lock.acquire(me);
    const controller = new AbortController();
    const wait = cond.wait(me, { signal: controller.signal });
    expect(cond.nWaiting()).toBe(1);
    expect(cond.lock.locked()).toBe(false);
    controller.abort();
    expect(await wait).toEqual({ outcome: 'cancelled', abandoned: false });
    expect(cond.nWaiting()).toBe(0);
    expect(cond.lock.locked()).toBe(false);
  });

  it('has a fixed number of waiter slots (option maxWaiters)', async () => {
    expect(() => newCondition(0)).toThrow(/"maxWaiters"/);
    const cond = newCondition(1);
    await cond.lock.acquire(me);
    const controller = new AbortController();
    const first = cond.wait(me, { signal: controller.signal });
    await cond.lock.acquire(me + 1);
    await expect(cond.wait(me + 1)).rejects.toThrow(/maxWaiters/);
    controller.abort();
    await first;
  });

  it('frees the slot of a thread that died waiting, so a notify reaches a live waiter', async () => {
    const cond = newCondition();
    const objects = { cond: shareObject('condition', cond) };
    const [dying, living] = await Promise.all([1, 2].map(() => SyncThread.start(objects)));
    const dead = dying!.send({ cmd: 'cond-wait', obj: 'cond' });
    await dead.started;
    const alive = living!.send({ cmd: 'cond-wait', obj: 'cond' });
    await alive.started;
    await dying!.terminate();
    expect(cond.nWaiting()).toBe(2);
    cond.callerGone(callerOf(dying!));
    expect(cond.nWaiting()).toBe(1);
    await cond.lock.acquire(me);
    expect(cond.notify(me)).toBe(1);
    cond.lock.release(me);
    expect(await alive.done).toEqual(notified);
  });

  it('a waiter whose lock holder died reacquires it as abandoned', async () => {
    const cond = newCondition();
    const thread = await SyncThread.start({ cond: shareObject('condition', cond) });
    const wait = thread.send({ cmd: 'cond-wait', obj: 'cond' });
    await wait.started;
    const dead = { address: '999999.0', pid: 999999, tid: 0, tag: tagOf('999999.0') };
    await cond.lock.acquire(dead.tag);
    cond.notify(dead.tag);
    cond.callerGone(dead);
    expect(await wait.done).toEqual({ outcome: 'notified', abandoned: true, held: true });
  });

  it('serves wait and notify for remote callers', async () => {
    const cond = newCondition();
    const a = { address: '888003.0', pid: 888003, tid: 0, tag: tagOf('888003.0') };
    const b = { address: '888004.0', pid: 888004, tid: 0, tag: tagOf('888004.0') };
    const signal = new AbortController().signal;
    expect(await cond.serve('acquire', [], a, signal)).toBe('acquired');
    const waiting = cond.serve('wait', [{ timeoutMs: 10_000 }], a, signal) as Promise<ConditionWaitResult>;
    expect(await cond.serve('acquire', [], b, signal)).toBe('acquired');
    expect(cond.serve('notify', [1], b, signal)).toBe(1);
    expect(cond.serve('notifyAll', [], b, signal)).toBe(0);
    cond.serve('release', [], b, signal);
    expect(await waiting).toEqual({ outcome: 'notified', abandoned: false });
    expect(cond.serve('owned', [], a, signal)).toBe(true);
    expect(() => cond.serve('signal', [], a, signal)).toThrow(TypeError);
  });
});
