/**
 * Locks and shared values across real children (processes and threads): mutual exclusion, the
 * notebook's shared counter, the lost update without a lock, and a holder that dies.
 */
import { describe, expect, it } from 'vitest';
import {
  Barrier,
  Event,
  Lock,
  LockAbandonedError,
  Manager,
  Queue,
  Value,
} from '../../../../src/workers/runtime/index';
import { BACKENDS, joinAll, spawn, syncTarget } from './cross-helpers';

describe.each(BACKENDS)('locks across children (%s backend)', (backend) => {
  it('withLock and hold() give mutual exclusion: three children, exact total', async () => {
    const counter = new Value('i', 0);
    const lock = counter.getLock();
    const children = await Promise.all([
      spawn(backend, syncTarget('addUnderLock'), [counter, 50, 1]),
      spawn(backend, syncTarget('addUnderLock'), [counter, 50, 1]),
      // `await using held = await lock.hold()` in the child, on the same lock.
      spawn(backend, syncTarget('addHolding'), [counter, lock, 50]),
    ]);
    await joinAll(...children);
    expect(counter.value).toBe(150);
    expect(await lock.locked()).toBe(false);
  });

  it("the notebook's counter: 4 adders and 2 subtractors x 100 steps under the lock end at 200", async () => {
    const counter = new Value('i', 0);
    const children = await Promise.all(
      [1, 1, 1, 1, -1, -1].map((delta) => spawn(backend, syncTarget('addUnderLock'), [counter, 100, delta])),
    );
    await joinAll(...children);
    expect(await counter.get()).toBe(200);
  });

  it('without the lock, read / barrier / write loses an update: 2 increments add 1', async () => {
    const counter = new Value('i', 10, { lock: false });
    const barrier = new Barrier(2);
    const children = await Promise.all([
      spawn(backend, syncTarget('incrementRacing'), [counter, barrier]),
      spawn(backend, syncTarget('incrementRacing'), [counter, barrier]),
    ]);
    await joinAll(...children);
    expect(counter.value).toBe(11);
  });

  it('a child killed holding the lock: the parent acquires it, is told, and holds it', async () => {
    const lock = new Lock({ name: 'journal' });
    const held = new Event();
    const holder = await spawn(backend, syncTarget('holdForever'), [lock, held]);
    await held.wait();
    expect(await lock.acquire({ blocking: false })).toBe(false);
    await holder.kill();
    const acquiring = lock.acquire();
    await expect(acquiring).rejects.toBeInstanceOf(LockAbandonedError);
    await expect(acquiring).rejects.toThrow(/"journal"/);
    // EOWNERDEAD: the caller holds the lock now; the next acquire waits for its release.
    expect(await lock.locked()).toBe(true);
    expect(await lock.acquire({ blocking: false })).toBe(false);
    await lock.release();
    expect(await lock.acquire({ blocking: false })).toBe(true);
    await lock.release();
  });

  it('a child killed holding the lock: another child waiting for it is told and holds it', async () => {
    const lock = new Lock();
    const held = new Event();
    const out = new Queue();
    const holder = await spawn(backend, syncTarget('holdForever'), [lock, held]);
    await held.wait();
    const waiter = await spawn(backend, syncTarget('acquireAndReport'), [lock, out]);
    await holder.kill();
    expect(await out.get()).toEqual({
      error: expect.objectContaining({ name: 'LockAbandonedError' }) as unknown,
      abandoned: true,
      lockedAfter: true,
    });
    await joinAll(waiter);
    // The waiter released it; the abandonment was reported once.
    expect(await lock.acquire({ blocking: false })).toBe(true);
  });

  it('withLock in the parent on a lock abandoned by a child: released and the error rethrown', async () => {
    const lock = new Lock();
    const held = new Event();
    const holder = await spawn(backend, syncTarget('holdForever'), [lock, held]);
    await held.wait();
    await holder.kill();
    let ran = false;
    await expect(lock.withLock(() => (ran = true))).rejects.toBeInstanceOf(LockAbandonedError);
    expect(ran).toBe(false);
    expect(await lock.locked()).toBe(false);
  });
});

describe('lost update with a Manager value (process backend)', () => {
  it('read / barrier / write from two processes on Manager().value(0) adds 1, not 2', async () => {
    await using manager = new Manager();
    const counter = manager.value(0);
    const barrier = new Barrier(2);
    const children = await Promise.all([
      spawn('process', syncTarget('incrementRacing'), [counter, barrier]),
      spawn('process', syncTarget('incrementRacing'), [counter, barrier]),
    ]);
    await joinAll(...children);
    expect(await counter.get()).toBe(1);
  });
});
