/**
 * Queues across real children (processes and threads): producer/consumer with a sentinel, a
 * producer that dies, a bounded queue, JoinableQueue, inspection from a child, a queue passed
 * through a queue, and items that come out equal to what went in.
 */
import { describe, expect, it } from 'vitest';
import { Event, JoinableQueue, Queue } from '../../../../src/workers/runtime/index';
import { BACKENDS, channelTarget, joinAll, spawn } from './cross-helpers';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe.each(BACKENDS)('queues across children (%s backend)', (backend) => {
  it('producer and consumer in two children: every item once, in order, up to the sentinel', async () => {
    const queue = new Queue<number | null>();
    const out = new Queue<{ got: number[] }>();
    const items = range(200);
    const consumer = await spawn(backend, channelTarget('consume'), [queue, out]);
    const producer = await spawn(backend, channelTarget('produce'), [queue, items]);
    expect(await out.get()).toEqual({ got: items });
    await joinAll(producer, consumer);
    expect(await queue.empty()).toBe(true);
  });

  it('a producer killed before its sentinel: the waiting consumer gets PeerGoneError, not a hang', async () => {
    const queue = new Queue<number | null>();
    const out = new Queue<Record<string, unknown>>();
    const produced = new Event();
    const producer = await spawn(backend, channelTarget('produceThenHang'), [queue, [1, 2, 3], produced]);
    const consumer = await spawn(backend, channelTarget('consume'), [queue, out]);
    await produced.wait();
    await producer.kill();
    const report = await out.get();
    expect(report).toMatchObject({ got: [1, 2, 3], error: 'PeerGoneError', peerGone: true });
    expect(report.message).toContain(String(producer.pid));
    await joinAll(consumer);
  });

  it('a put blocked on a full bounded queue is resumed by a consumer in another child', async () => {
    const queue = new Queue<number | null>(1);
    const out = new Queue<{ got: number[] }>();
    const firstIn = new Event();
    const producer = await spawn(backend, channelTarget('produce'), [queue, [1, 2, 3], firstIn]);
    await firstIn.wait();
    // Full: the producer's next put cannot complete until someone takes an item.
    expect(await queue.full()).toBe(true);
    expect(await queue.qsize()).toBe(1);
    expect(producer.isAlive()).toBe(true);
    const consumer = await spawn(backend, channelTarget('consume'), [queue, out]);
    expect(await out.get()).toEqual({ got: [1, 2, 3] });
    await joinAll(producer, consumer);
  });

  it('JoinableQueue: join() resolves once two children marked every item done', async () => {
    const jobs = new JoinableQueue<number | null>();
    const results = new Queue<number>();
    for (const n of range(20)) await jobs.put(n);
    await jobs.put(null);
    await jobs.put(null);
    expect(await jobs.join({ timeout: 0 })).toBe(false);
    const workers = await Promise.all([
      spawn(backend, channelTarget('squareJobs'), [jobs, results]),
      spawn(backend, channelTarget('squareJobs'), [jobs, results]),
    ]);
    expect(await jobs.join()).toBe(true);
    // Every result was put before its job was marked done.
    expect(await results.qsize()).toBe(20);
    const squares: number[] = [];
    for (let i = 0; i < 20; i++) squares.push(await results.getNowait());
    expect(squares.sort((a, b) => a - b)).toEqual(range(20).map((n) => n * n));
    await joinAll(...workers);
  });

  it('qsize(), empty(), full() and getNowait() from a child see the owner state', async () => {
    const queue = new Queue<string>(1);
    const out = new Queue();
    await queue.put('only');
    const child = await spawn(backend, channelTarget('inspectQueue'), [queue, out]);
    expect(await out.get()).toEqual({
      before: { size: 1, empty: false, full: true },
      item: 'only',
      after: { size: 0, empty: true, full: false },
      again: 'QueueEmptyError',
    });
    await joinAll(child);
  });

  it('a queue passed through a queue carries the reply; nested items come out equal', async () => {
    const inbox = new Queue<{ reply: Queue; payload: unknown } | null>();
    const reply = new Queue();
    const child = await spawn(backend, channelTarget('echo'), [inbox]);
    const payload = {
      list: [1, 'two', null, [3, { four: 4 }]],
      map: new Map<string, unknown>([['k', { deep: [true, false] }]]),
      set: new Set([1, 2]),
      date: new Date(0),
      big: 2n ** 70n,
      bytes: new Uint8Array([1, 2, 3]),
      nothing: undefined,
    };
    await inbox.put({ reply, payload });
    expect(await reply.get()).toEqual(payload);
    // A queue that goes out and comes home is the owner's queue again.
    await inbox.put({ reply, payload: reply });
    const back = (await reply.get()) as Queue;
    expect(back).toBeInstanceOf(Queue);
    expect(back.objectId).toBe(reply.objectId);
    await back.put('via the returned queue');
    expect(await reply.getNowait()).toBe('via the returned queue');
    await inbox.put(null);
    await joinAll(child);
  });
});
