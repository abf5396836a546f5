/**
 * Giving up across children: a timeout or an abort in a child ends its wait, and the owner
 * never hands the lock or the item to a caller that gave up.
 */
import { describe, expect, it } from 'vitest';
import { Event, Lock, Queue } from '../../../../src/workers/runtime/index';
import { BACKENDS, channelTarget, joinAll, spawn, syncTarget } from './cross-helpers';

describe.each(BACKENDS)('timeouts and aborts in children (%s backend)', (backend) => {
  it('a child’s acquire that times out or is aborted resolves false / rejects, and is never granted', async () => {
    const lock = new Lock();
    const out = new Queue();
    await lock.acquire();
    const timing = await spawn(backend, syncTarget('acquireWithin'), [lock, 20, out]);
    expect(await out.get()).toEqual({ acquired: false });
    const aborting = await spawn(backend, syncTarget('acquireThenAbort'), [lock, out]);
    expect(await out.get()).toEqual({ error: expect.objectContaining({ message: 'gave up' }) as unknown });
    await joinAll(timing, aborting);
    await lock.release();
    // Nobody who gave up got it in the meantime.
    expect(await lock.locked()).toBe(false);
  });

  it('a child’s get that times out takes nothing; an Event wait that times out says false', async () => {
    const queue = new Queue<string>();
    const event = new Event();
    const out = new Queue();
    const child = await spawn(backend, channelTarget('getWithin'), [queue, 20, out]);
    expect(await out.get()).toEqual({ error: 'QueueEmptyError' });
    await joinAll(child);
    await queue.put('kept');
    expect(await queue.qsize()).toBe(1);
    expect(await queue.get()).toBe('kept');
    const waiter = await spawn(backend, syncTarget('waitEventWithin'), [event, 20, out]);
    expect(await out.get()).toEqual({ set: false });
    await joinAll(waiter);
  });
});
