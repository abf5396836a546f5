import { describe, expect, it } from 'vitest';
import type { PrimitiveKind } from '../../../../src/shared/trace-schema';
import { PeerGoneError } from '../../../../src/workers/runtime/channels/channel-errors';
import { QueuePeers } from '../../../../src/workers/runtime/channels/queue-peers';
import { QueueState } from '../../../../src/workers/runtime/channels/queue-state';
import { newPrimitiveInfo } from '../../../../src/workers/runtime/context/identity';
import { call, caller, recordTrace, settle, track } from './helpers';

const consumer = caller(910001);
const producer = caller(910002);
const other = caller(910003);
const KILLED = { code: null, signal: 'SIGKILL' };
const CRASHED = { code: 1, signal: null };
const CLEAN = { code: 0, signal: null };

function queue(maxsize = 0, kind: PrimitiveKind = 'queue'): QueueState {
  return new QueueState(newPrimitiveInfo(kind, 'results'), maxsize);
}

describe('QueueState peer death (Python hangs in each of these)', () => {
  it('fails getters blocked on an empty queue when a producer dies, naming its pid', async () => {
    const q = queue();
    await call(q, 'put', [1], producer);
    await call(q, 'get', [], consumer);
    const waits = [track(call(q, 'get', [], consumer)), track(call(q, 'get', [], other))];
    q.callerGone(producer, KILLED);
    await settle();
    for (const wait of waits) {
      expect(wait.state).toBe('rejected');
      expect(wait.error).toBeInstanceOf(PeerGoneError);
      expect((wait.error as PeerGoneError).pids).toEqual([910002]);
      expect(String(wait.error)).toMatch(/results: get\(\) waited .* died \(pid 910002\)/);
    }
  });

  it('leaves getters waiting when the producer exits cleanly or never put anything', async () => {
    const q = queue();
    await call(q, 'put', [1], producer);
    await call(q, 'get', [], consumer);
    const wait = track(call(q, 'get', [], consumer));
    q.callerGone(producer, CLEAN);
    q.callerGone(other, CRASHED);
    await settle();
    expect(wait.state).toBe('pending');
    await call(q, 'put', ['late'], other);
    await settle();
    expect(wait).toMatchObject({ state: 'resolved', value: 'late' });
  });

  it('reports a death that happened while nobody waited to the next get that would block, once', async () => {
    const q = queue();
    await call(q, 'put', ['left'], producer);
    q.callerGone(producer, CRASHED);
    // Non-blocking misses are ordinary: the news waits for a get that would block.
    expect(await call(q, 'get', [], consumer)).toBe('left');
    await expect(call(q, 'getNowait', [], consumer)).rejects.toThrow('results is empty');
    await expect(call(q, 'get', [], consumer)).rejects.toThrow(PeerGoneError);
    const next = track(call(q, 'get', [], consumer));
    await settle();
    expect(next.state).toBe('pending');
    await call(q, 'put', ['new'], other);
    await settle();
    expect(next.value).toBe('new');
  });

  it('fails putters blocked on a full queue when a consumer dies', async () => {
    const q = queue(1);
    await call(q, 'put', [1], producer);
    expect(await call(q, 'get', [], consumer)).toBe(1);
    await call(q, 'put', [2], producer);
    const blocked = call(q, 'put', [3], producer);
    q.callerGone(consumer, KILLED);
    await expect(blocked).rejects.toThrow(/put\(\) waited for a consumer .* \(pid 910001\)/);
    expect(await call(q, 'qsize', [], producer)).toBe(1);
  });

  it('fails join when a consumer died holding items it never marked done', async () => {
    const q = queue(0, 'joinable-queue');
    await call(q, 'put', ['a'], producer);
    await call(q, 'put', ['b'], producer);
    await call(q, 'get', [], consumer);
    await call(q, 'taskDone', [], consumer);
    await call(q, 'get', [], other);
    const joined = call(q, 'join', [], producer);
    q.callerGone(consumer, CRASHED);
    q.callerGone(other, CRASHED);
    await expect(joined).rejects.toThrow(/join\(\) waited .* \(pid 910003\)/);
  });

  it('withdraws the blocked operations of a context that ended, without effect', async () => {
    const q = queue(1);
    const gets = track(call(q, 'get', [], consumer));
    q.callerGone(consumer, CLEAN);
    await settle();
    expect(gets.state).toBe('rejected');
    await call(q, 'put', ['stays'], producer);
    const puts = track(call(q, 'put', ['never'], producer));
    q.callerGone(producer, CLEAN);
    await settle();
    expect(puts.state).toBe('rejected');
    expect(await call(q, 'get', [], other)).toBe('stays');
    expect(await call(q, 'qsize', [], other)).toBe(0);
  });

  it('traces the failed waits with the waiting caller as actor', async () => {
    const trace = recordTrace();
    const q = queue();
    await call(q, 'put', [1], producer);
    await call(q, 'get', [], consumer);
    const wait = call(q, 'get', [], consumer);
    q.callerGone(producer, KILLED);
    await expect(wait).rejects.toThrow(PeerGoneError);
    const last = trace.events().at(-1);
    expect(last).toMatchObject({ type: 'queue-get', ok: false, error: 'peer-gone', pid: 910001 });
  });
});

describe('QueuePeers', () => {
  it('counts per caller and forgets a context that ended', () => {
    const peers = new QueuePeers();
    peers.count(producer, 'put');
    peers.count(producer, 'put');
    peers.count(consumer, 'got');
    expect(peers.usageOf(producer.address)).toEqual({ pid: 910002, put: 2, got: 0, done: 0 });
    expect(peers.forget(producer.address)?.put).toBe(2);
    expect(peers.usageOf(producer.address)).toBeUndefined();
  });

  it('keeps each death once per side until taken', () => {
    const peers = new QueuePeers();
    peers.defer('get', 1);
    peers.defer('get', 1);
    peers.defer('get', 2);
    expect(peers.take('put')).toEqual([]);
    expect(peers.take('get')).toEqual([1, 2]);
    expect(peers.take('get')).toEqual([]);
  });
});
