import { describe, expect, it } from 'vitest';
import type { QueueGetEvent, QueuePutEvent } from '../../../../src/shared/trace-schema';
import { newPrimitiveInfo } from '../../../../src/workers/runtime/context/identity';
import type { PrimitiveKind } from '../../../../src/shared/trace-schema';
import {
  QueueClosedError,
  QueueEmptyError,
  QueueFullError,
} from '../../../../src/workers/runtime/channels/channel-errors';
import { QueueState } from '../../../../src/workers/runtime/channels/queue-state';
import { caller, never, recordTrace, settle, track } from './helpers';

const main = caller(900001);
const child = caller(900002);

function queue(maxsize = 0, kind: PrimitiveKind = 'queue', name?: string): QueueState {
  return new QueueState(newPrimitiveInfo(kind, name), maxsize);
}

async function run(q: QueueState, op: string, args: unknown[] = [], signal = never): Promise<unknown> {
  return q.serve(op, args, main, signal);
}

describe('QueueState basics', () => {
  it('gives items back first in, first out, and counts them', async () => {
    const q = queue();
    for (const item of ['a', { b: 1 }, 3]) await run(q, 'put', [item]);
    expect(await run(q, 'qsize')).toBe(3);
    expect(await run(q, 'empty')).toBe(false);
    expect(await run(q, 'get')).toBe('a');
    expect(await run(q, 'getNowait')).toEqual({ b: 1 });
    expect(await run(q, 'get', [{ block: false }])).toBe(3);
    expect(await run(q, 'empty')).toBe(true);
  });

  it('raises QueueEmptyError / QueueFullError instead of blocking when asked not to', async () => {
    const q = queue(1, 'queue', 'jobs');
    await expect(run(q, 'getNowait')).rejects.toThrow(QueueEmptyError);
    await expect(run(q, 'get', [{ timeoutMs: 0 }])).rejects.toThrow('jobs is empty');
    await run(q, 'putNowait', [1]);
    expect(await run(q, 'full')).toBe(true);
    await expect(run(q, 'putNowait', [2])).rejects.toThrow(QueueFullError);
    await expect(run(q, 'put', [2, { block: false, timeoutMs: 1000 }])).rejects.toThrow('jobs is full');
    expect(await run(q, 'qsize')).toBe(1);
  });

  it('wakes a blocked getter with the next item put', async () => {
    const q = queue();
    const got = q.serve('get', [], child, never);
    await run(q, 'put', ['hello']);
    await expect(got).resolves.toBe('hello');
    expect(await run(q, 'qsize')).toBe(0);
  });

  it('resumes puts blocked on a full queue in the order they blocked', async () => {
    const q = queue(1);
    await run(q, 'put', [0]);
    const blocked = [1, 2, 3].map((n) => track(q.serve('put', [n], caller(900100 + n), never)));
    await settle();
    expect(blocked.map((b) => b.state)).toEqual(['pending', 'pending', 'pending']);
    const got: unknown[] = [];
    for (let i = 0; i < 4; i++) got.push(await run(q, 'get'));
    expect(got).toEqual([0, 1, 2, 3]);
    await settle();
    expect(blocked.map((b) => b.state)).toEqual(['resolved', 'resolved', 'resolved']);
  });

  it('serves blocked getters first come, first served', async () => {
    const q = queue();
    const getters = [1, 2, 3].map((n) => track(q.serve('get', [], caller(900200 + n), never)));
    for (const item of ['x', 'y', 'z']) await run(q, 'put', [item]);
    await settle();
    expect(getters.map((g) => g.value)).toEqual(['x', 'y', 'z']);
  });

  it('rejects bad arguments with errors naming them', async () => {
    const q = queue();
    await expect(run(q, 'get', [{ timeoutMs: -1 }])).rejects.toThrow(/"timeout".*-1/);
    await expect(run(q, 'get', [{ timeoutMs: NaN }])).rejects.toThrow(RangeError);
    await expect(run(q, 'get', [{ timeoutMs: '5' }])).rejects.toThrow(TypeError);
    await expect(run(q, 'put', [1, { block: 'no' }])).rejects.toThrow(/"block"/);
    await expect(run(q, 'taskDone')).rejects.toThrow(/"op"/);
    expect(() => queue(-1)).toThrow(/"maxsize"/);
    expect(() => queue(1.5)).toThrow(RangeError);
    expect(() => queue(2, 'simple-queue')).toThrow(/SimpleQueue/);
    expect(() => queue(0, 'pipe')).toThrow(/"info.kind"/);
  });

  it('offers a SimpleQueue only put, get, empty and close', async () => {
    const q = queue(0, 'simple-queue');
    await run(q, 'put', [1]);
    expect(await run(q, 'empty')).toBe(false);
    expect(await run(q, 'get')).toBe(1);
    for (const op of ['qsize', 'full', 'putNowait', 'getNowait', 'join']) {
      await expect(run(q, op)).rejects.toThrow(TypeError);
    }
  });
});

describe('QueueState timeouts and cancellation', () => {
  it('a get that times out raises QueueEmptyError and takes nothing later', async () => {
    const q = queue();
    await expect(run(q, 'get', [{ timeoutMs: 5 }])).rejects.toThrow(/empty \(waited 5 ms\)/);
    await run(q, 'put', ['kept']);
    expect(await run(q, 'qsize')).toBe(1);
  });

  it('a put that times out on a full queue never inserts its item', async () => {
    const q = queue(1);
    await run(q, 'put', ['first']);
    await expect(run(q, 'put', ['late', { timeoutMs: 5 }])).rejects.toThrow(QueueFullError);
    expect(await run(q, 'get')).toBe('first');
    await expect(run(q, 'getNowait')).rejects.toThrow(QueueEmptyError);
  });

  it('a cancelled get never swallows an item', async () => {
    const q = queue();
    const controller = new AbortController();
    const got = track(q.serve('get', [], child, controller.signal));
    controller.abort(new Error('caller gave up'));
    await settle();
    expect(got.state).toBe('rejected');
    expect(String(got.error)).toContain('caller gave up');
    await run(q, 'put', ['item']);
    expect(await run(q, 'qsize')).toBe(1);
  });

  it('a cancelled put never inserts, and the puts behind it keep their order', async () => {
    const q = queue(1);
    await run(q, 'put', [0]);
    const controller = new AbortController();
    const cancelled = track(q.serve('put', ['cancelled'], child, controller.signal));
    const next = track(q.serve('put', ['next'], caller(900003), never));
    controller.abort();
    await settle();
    expect(cancelled.state).toBe('rejected');
    expect(await run(q, 'get')).toBe(0);
    expect(await run(q, 'get')).toBe('next');
    await settle();
    expect(next.state).toBe('resolved');
    expect(await run(q, 'qsize')).toBe(0);
  });

  it('does nothing for a caller whose signal was already aborted', async () => {
    const q = queue();
    const signal = AbortSignal.abort(new Error('too late'));
    await expect(run(q, 'put', [1], signal)).rejects.toThrow('too late');
    expect(await run(q, 'qsize')).toBe(0);
  });
});

describe('QueueState close', () => {
  it('refuses puts, still drains, then fails gets instead of blocking', async () => {
    const q = queue(0, 'queue', 'results');
    await run(q, 'put', [1]);
    await run(q, 'close');
    await run(q, 'close');
    await expect(run(q, 'put', [2])).rejects.toThrow(QueueClosedError);
    await expect(run(q, 'put', [2])).rejects.toThrow(/results is closed/);
    expect(await run(q, 'get')).toBe(1);
    await expect(run(q, 'get')).rejects.toThrow(QueueClosedError);
    await expect(run(q, 'getNowait')).rejects.toThrow(QueueClosedError);
  });

  it('fails the getters and putters blocked when it closes', async () => {
    const empty = queue();
    const getter = empty.serve('get', [], child, never);
    await run(empty, 'close');
    await expect(getter).rejects.toThrow(QueueClosedError);

    const full = queue(1);
    await run(full, 'put', ['in']);
    const putter = full.serve('put', ['out'], child, never);
    await run(full, 'close');
    await expect(putter).rejects.toThrow(QueueClosedError);
    expect(await run(full, 'get')).toBe('in');
    await expect(run(full, 'get')).rejects.toThrow(QueueClosedError);
  });
});

describe('JoinableQueue bookkeeping', () => {
  it('join resolves once every item put was marked done', async () => {
    const q = queue(0, 'joinable-queue');
    expect(await run(q, 'join')).toBe(true);
    await run(q, 'put', ['a']);
    await run(q, 'put', ['b']);
    const joined = track(q.serve('join', [], child, never));
    await run(q, 'get');
    await run(q, 'taskDone');
    await settle();
    expect(joined.state).toBe('pending');
    expect(await run(q, 'join', [{ timeoutMs: 0 }])).toBe(false);
    expect(await run(q, 'join', [{ timeoutMs: 5 }])).toBe(false);
    await run(q, 'get');
    await run(q, 'taskDone');
    await settle();
    expect(joined).toMatchObject({ state: 'resolved', value: true });
  });

  it('taskDone more times than items is a RangeError', async () => {
    const q = queue(0, 'joinable-queue', 'work');
    await run(q, 'put', [1]);
    await run(q, 'taskDone');
    await expect(run(q, 'taskDone')).rejects.toThrow(RangeError);
    await expect(run(q, 'taskDone')).rejects.toThrow(/work: taskDone\(\) called more times/);
  });
});

describe('QueueState trace', () => {
  it('records puts and gets with the caller as actor and the depth after', async () => {
    const trace = recordTrace();
    const q = queue(1, 'queue', 'traced');
    await q.serve('put', [7], caller(900011, 3), never);
    await q.serve('get', [], caller(900012), never);
    await expect(q.serve('get', [{ timeoutMs: 1 }], caller(900012), never)).rejects.toThrow();
    const events = trace.events().filter((e) => 'objectId' in e && e.objectId === q.info.objectId);
    const [put, got, failed] = events as [QueuePutEvent, QueueGetEvent, QueueGetEvent];
    expect(put).toMatchObject({ type: 'queue-put', ok: true, depth: 1, item: '7', pid: 900011, tid: 3 });
    expect(put).toMatchObject({ kind: 'queue', name: 'traced' });
    expect(got).toMatchObject({ type: 'queue-get', ok: true, depth: 0, item: '7', pid: 900012, tid: 0 });
    expect(failed).toMatchObject({ type: 'queue-get', ok: false, error: 'timeout' });
    expect(events).toHaveLength(3);
  });

  it('records a put handed straight to a blocked getter as a put then a get', async () => {
    const trace = recordTrace();
    const q = queue();
    const got = q.serve('get', [], child, never);
    await run(q, 'put', ['x']);
    await got;
    const types = trace
      .events()
      .filter((e) => 'objectId' in e && e.objectId === q.info.objectId)
      .map((e) => `${e.type}:${(e as QueuePutEvent).depth}`);
    expect(types).toEqual(['queue-put:1', 'queue-get:0']);
  });
});
