/**
 * The public primitive classes used in the context that created them (owner mode): the API a
 * user calls, its options and its errors. Cross-thread and cross-process use is in the
 * cross-*.test.ts files beside this one.
 */
import { describe, expect, it } from 'vitest';
import {
  Barrier,
  BoundedSemaphore,
  Condition,
  Event,
  JoinableQueue,
  Lock,
  Manager,
  Pipe,
  Queue,
  RLock,
  Semaphore,
  SharedArray,
  SimpleQueue,
  Value,
} from '../../../../src/workers/runtime/primitives/index';
import { QueueEmptyError, QueueFullError } from '../../../../src/workers/runtime/channels/index';

describe('Lock and RLock', () => {
  it('acquire resolves true, a second non-blocking acquire false, and release frees it', async () => {
    const lock = new Lock();
    expect(await lock.acquire()).toBe(true);
    expect(await lock.locked()).toBe(true);
    expect(await lock.acquire({ blocking: false })).toBe(false);
    expect(await lock.acquire({ timeout: 5 })).toBe(false);
    await lock.release();
    expect(await lock.locked()).toBe(false);
    await expect(lock.release()).rejects.toBeInstanceOf(RangeError);
  });

  it('withLock releases after the function, even when it throws', async () => {
    const lock = new Lock();
    await expect(lock.withLock(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await lock.locked()).toBe(false);
    expect(await lock.withLock(() => 42)).toBe(42);
  });

  it('hold() works with await using-style disposal', async () => {
    const lock = new Lock({ name: 'guard' });
    const held = await lock.hold();
    expect(await lock.locked()).toBe(true);
    await held[Symbol.asyncDispose]();
    expect(await lock.locked()).toBe(false);
    expect(lock.name).toBe('guard');
  });

  it('hold() rejects with a TimeoutError naming the lock when it cannot get it in time', async () => {
    const lock = new Lock({ name: 'busy' });
    await lock.acquire();
    await expect(lock.hold({ timeout: 1 })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('an aborted acquire rejects with the reason and does not take the lock', async () => {
    const lock = new Lock();
    await lock.acquire();
    const controller = new AbortController();
    const waiting = lock.acquire({ signal: controller.signal });
    const reason = new Error('stop waiting');
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    await lock.release();
    expect(await lock.locked()).toBe(false);
  });

  it('an RLock is reentrant for its holder', async () => {
    const rlock = new RLock();
    await rlock.acquire();
    expect(await rlock.acquire({ blocking: false })).toBe(true);
    await rlock.release();
    expect(await rlock.locked()).toBe(true);
    await rlock.release();
    expect(await rlock.locked()).toBe(false);
  });

  it('rejects bad options with errors naming them', async () => {
    const lock = new Lock();
    await expect(lock.acquire({ timeout: -1 })).rejects.toThrow(/"timeout"/);
    await expect(lock.acquire({ timeout: 'soon' as unknown as number })).rejects.toBeInstanceOf(TypeError);
    expect(() => new Lock({ name: '' })).toThrow(/"name"/);
  });
});

describe('Semaphore, Event, Condition, Barrier', () => {
  it('a BoundedSemaphore refuses a release above its initial value', async () => {
    const sem = new BoundedSemaphore(2);
    await sem.acquire();
    await sem.release();
    await expect(sem.release()).rejects.toBeInstanceOf(RangeError);
    expect(await sem.getValue()).toBe(2);
    expect(() => new Semaphore(-1)).toThrow(/"value"/);
  });

  it('an Event wakes its waiters when set', async () => {
    const event = new Event();
    const waiting = event.wait();
    expect(await event.isSet()).toBe(false);
    await event.set();
    expect(await waiting).toBe(true);
    await event.clear();
    expect(await event.wait({ timeout: 1 })).toBe(false);
  });

  it('a Condition hands a notify to a waiter, who holds the lock again', async () => {
    const cond = new Condition();
    const items: number[] = [];
    let waiting!: () => void;
    const consumerWaits = new Promise<void>((resolve) => (waiting = resolve));
    const consumer = cond.withLock(async () => {
      const got = await cond.waitFor(() => {
        if (items.length === 0) waiting();
        return items.length > 0;
      });
      items.pop();
      return got;
    });
    // In one context both flows are the same holder of the RLock (as two coroutines of one
    // Python thread would be), so the producer takes it only once the consumer's wait let it go
    // (the wait releases it within the microtasks after the predicate said no, all run before
    // the next macrotask); waking across contexts is tested with real threads and processes.
    await consumerWaits;
    await new Promise((resolve) => setImmediate(resolve));
    await cond.withLock(async () => {
      items.push(1);
      await cond.notify();
    });
    expect(await consumer).toBe(true);
    expect(items).toEqual([]);
  });

  it('a Barrier releases all parties together and gives distinct indexes', async () => {
    const barrier = new Barrier(3);
    const indexes = await Promise.all([barrier.wait(), barrier.wait(), barrier.wait()]);
    expect([...indexes].sort()).toEqual([0, 1, 2]);
    expect(() => new Barrier(0)).toThrow(/"parties"/);
  });
});

describe('Value and SharedArray', () => {
  it('read and write typed numbers, with a lock by default', async () => {
    const counter = new Value('i', 5);
    await counter.getLock().withLock(async () => counter.set(((await counter.get()) as number) + 1));
    expect(counter.value).toBe(6);
    const array = new SharedArray('d', [1.5, 2.5]);
    await array.set(-1, 4);
    expect(await array.slice()).toEqual([1.5, 4]);
    expect(() => new Value('i', 0, { lock: false }).getLock()).toThrow(/no lock/);
  });
});

describe('queues and pipes', () => {
  it('Queue is first in first out, bounded by maxsize, and copies what is put', async () => {
    const queue = new Queue<{ n: number }>(2);
    const item = { n: 1 };
    await queue.put(item);
    item.n = 99;
    await queue.put({ n: 2 });
    expect(await queue.full()).toBe(true);
    await expect(queue.putNowait({ n: 3 })).rejects.toBeInstanceOf(QueueFullError);
    expect(await queue.get()).toEqual({ n: 1 });
    expect(await queue.get()).toEqual({ n: 2 });
    await expect(queue.getNowait()).rejects.toBeInstanceOf(QueueEmptyError);
    await expect(queue.put({ n: 4, f: () => 1 } as unknown as { n: number })).rejects.toThrow(/"item"/);
    expect(() => new Queue(-1)).toThrow(/"maxsize"/);
  });

  it('JoinableQueue.join resolves once every item is marked done', async () => {
    const queue = new JoinableQueue<string>();
    await queue.put('a');
    const joined = queue.join();
    expect(await queue.get()).toBe('a');
    await queue.taskDone();
    expect(await joined).toBe(true);
  });

  it('SimpleQueue puts and gets', async () => {
    const queue = new SimpleQueue<number>();
    await queue.put(1);
    expect(await queue.empty()).toBe(false);
    expect(await queue.get()).toBe(1);
  });

  it('Pipe sends both ways; a one-way pipe refuses the wrong direction', async () => {
    const [a, b] = Pipe<string>();
    await a.send('ping');
    expect(await b.poll()).toBe(true);
    expect(await b.recv()).toBe('ping');
    await b.send('pong');
    expect(await a.recv()).toBe('pong');
    const [reader, writer] = Pipe<string>(false);
    await writer.send('one way');
    expect(await reader.recv()).toBe('one way');
    await expect(reader.send('back')).rejects.toThrow(/end/);
  });
});

describe('Manager', () => {
  it('serves a value, a dict and a list', async () => {
    await using manager = new Manager();
    const value = manager.value({ count: 1 });
    await value.set({ count: 2 });
    expect(await value.get()).toEqual({ count: 2 });
    const dict = manager.dict({ a: 1 });
    await dict.set('b', 2);
    expect(await dict.entries()).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    const list = manager.list([1, 2]);
    await list.append(3);
    expect(await list.pop()).toBe(3);
    expect(await list.slice()).toEqual([1, 2]);
  });
});
