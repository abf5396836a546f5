/**
 * The thread backend's two paths: shared-memory primitives (Lock, Value) work in a thread child
 * on the parent's own memory, with no message to the parent; owner-served ones (Queue, Pipe) are
 * served by the parent, where their trace events are born.
 */
import { describe, expect, it } from 'vitest';
import { Lock, Pipe, Queue, Value } from '../../../../src/workers/runtime/index';
import { channelTarget, joinAll, recordTrace, spawn, syncTarget } from './cross-helpers';

describe('thread children and the parent’s primitives', () => {
  it('a Lock and a Value work in a thread child on the same memory, even with the parent blocked', async () => {
    const trace = recordTrace();
    const counter = new Value('i', 0, { lock: false });
    const lock = new Lock();
    const done = new Int32Array(new SharedArrayBuffer(4));
    const child = await spawn('thread', syncTarget('incrementShared'), [counter, lock, 100, done]);
    // This thread blocks now: a child that needed it for any operation could never finish.
    expect(['ok', 'not-equal']).toContain(Atomics.wait(done, 0, 0, 10_000));
    expect(Atomics.load(done, 0)).toBe(1);
    expect(counter.value).toBe(100);
    await joinAll(child);
    // Every write is the thread's own, recorded where it happened.
    const writes = trace.ofType('value-write').filter((e) => e.objectId === counter.objectId);
    expect(writes).toHaveLength(100);
    expect(new Set(writes.map((e) => `${e.pid}.${e.tid}`))).toEqual(
      new Set([`${process.pid}.${child.threadId}`]),
    );
    expect(writes.map((e) => e.value)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const acquires = trace.ofType('lock-acquire').filter((e) => e.objectId === lock.objectId);
    expect(acquires).toHaveLength(100);
    expect(acquires.every((e) => e.tid === child.threadId && e.outcome === 'acquired')).toBe(true);
  });

  it('Queue and Pipe operations of a thread child are performed by the parent', async () => {
    const queue = new Queue<number | null>();
    const out = new Queue();
    const [parentConn, childConn] = Pipe();
    // Started before tracing: the children record nothing themselves, so every event below
    // was born here, in the owner, naming the thread as its actor.
    const consumer = await spawn('thread', channelTarget('consume'), [queue, out]);
    const sender = await spawn('thread', channelTarget('sendAndClose'), [childConn]);
    const trace = recordTrace();
    for (const item of [1, 2, null]) await queue.put(item);
    expect(await out.get()).toEqual({ got: [1, 2] });
    expect(await parentConn.recv()).toEqual([42, null, 'hello']);
    await joinAll(consumer, sender);
    const gets = trace.ofType('queue-get').filter((e) => e.objectId === queue.objectId);
    expect(gets.map((e) => [e.tid, e.ok])).toEqual([
      [consumer.threadId, true],
      [consumer.threadId, true],
      [consumer.threadId, true],
    ]);
    const sends = trace.ofType('pipe-send').filter((e) => e.objectId === parentConn.objectId);
    expect(sends.map((e) => [e.pid, e.tid, e.end])).toEqual([[process.pid, sender.threadId, 1]]);
  });
});
