/**
 * `get` in the context that owns the queue (primitives/queue.ts): it takes the owner's state
 * directly, yet behaves as every other get: first in first out, a copy of what was put, waiting
 * for an item, giving up on a timeout or a signal without swallowing one, bad options refused.
 */
import { describe, expect, it } from 'vitest';
import { Queue, QueueEmptyError, SimpleQueue } from '../../../../src/workers/runtime/index';

describe('Queue.get in the owner', () => {
  it('hands a waiting get the next item put, and each get its own copy', async () => {
    const queue = new Queue<{ n: number }>();
    const first = queue.get();
    const second = queue.get();
    const item = { n: 1 };
    await queue.put(item);
    item.n = 99;
    await queue.put({ n: 2 });
    const [a, b] = await Promise.all([first, second]);
    expect(a).toEqual({ n: 1 });
    expect(b).toEqual({ n: 2 });
    expect(await queue.qsize()).toBe(0);
  });

  it('gives up on a timeout or an abort without taking the item that comes later', async () => {
    const queue = new SimpleQueue<number>();
    await expect(queue.get({ timeout: 1 })).rejects.toBeInstanceOf(QueueEmptyError);
    const controller = new AbortController();
    const aborted = queue.get({ signal: controller.signal });
    const reason = new Error('enough');
    controller.abort(reason);
    await expect(aborted).rejects.toBe(reason);
    await expect(queue.get({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    await queue.put(5);
    expect(await queue.get()).toBe(5);
  });

  it('refuses bad options with an error naming them, as a rejection', async () => {
    const queue = new Queue();
    await expect(queue.get({ timeout: -1 })).rejects.toBeInstanceOf(RangeError);
    await expect(queue.get({ blocking: 'no' as unknown as boolean })).rejects.toThrow(/"blocking"/);
  });
});
