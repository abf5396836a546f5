import { describe, expect, it } from 'vitest';
import { parseServerMessage, WireRouter } from '../../../src/renderer/client/wire-router';

const reply = (id: number, result: unknown): string => JSON.stringify({ kind: 'reply', id, result });

describe('WireRouter', () => {
  it('numbers calls with increasing ids and builds WireInvoke frames', () => {
    const router = new WireRouter();
    const a = router.call('host:info', null);
    const b = router.call('sampler:set-rate', { hz: 3 });
    expect(a.frame).toEqual({ kind: 'invoke', id: 1, channel: 'host:info', payload: null });
    expect(b.frame.id).toBe(2);
    expect(router.pendingCount).toBe(2);
  });

  it('resolves each call with its own reply, whatever order the replies come in', async () => {
    const router = new WireRouter();
    const a = router.call('host:info', null);
    const b = router.call('scenarios:list', null);
    expect(router.receive(reply(b.frame.id, { ok: true, value: ['b'] }))).toBe(true);
    expect(router.receive(reply(a.frame.id, { ok: true, value: 'a' }))).toBe(true);
    await expect(a.answer).resolves.toBe('a');
    await expect(b.answer).resolves.toEqual(['b']);
    expect(router.pendingCount).toBe(0);
  });

  it('rejects a call whose reply is an error, with name, message and code', async () => {
    const router = new WireRouter();
    const call = router.call('session:start', {});
    router.receive(
      reply(call.frame.id, { ok: false, error: { code: 'busy', name: 'Error', message: 'busy now' } }),
    );
    await expect(call.answer).rejects.toMatchObject({ message: 'busy now', code: 'busy' });
  });

  it('ignores replies to unknown ids and frames it cannot parse', () => {
    const router = new WireRouter();
    router.call('host:info', null);
    expect(router.receive(reply(99, { ok: true, value: 1 }))).toBe(false);
    expect(router.receive('not json')).toBe(false);
    expect(router.receive(JSON.stringify({ kind: 'push', channel: 'evil:channel', payload: 1 }))).toBe(false);
    expect(router.pendingCount).toBe(1);
  });

  it('dispatches pushes to the listeners of their channel only', () => {
    const router = new WireRouter();
    const samples: number[] = [];
    const statuses: string[] = [];
    router.on('sampler:sample', (s) => samples.push(s.t));
    const off = router.on('session:status', (s) => statuses.push(s.state));
    router.receive(
      JSON.stringify({ kind: 'push', channel: 'sampler:sample', payload: { t: 5, cores: [], total: 0 } }),
    );
    router.receive({
      kind: 'push',
      channel: 'session:status',
      payload: { sessionId: 's', scenario: 'p', state: 'running' },
    });
    off();
    router.receive({
      kind: 'push',
      channel: 'session:status',
      payload: { sessionId: 's', scenario: 'p', state: 'finished' },
    });
    expect(samples).toEqual([5]);
    expect(statuses).toEqual(['running']);
  });

  it('failAll rejects every pending and queued call with a disconnection error', async () => {
    const router = new WireRouter();
    const sent = router.call('host:info', null);
    const queued = router.call('topology:get', null);
    router.queue(queued.frame);
    router.failAll();
    await expect(sent.answer).rejects.toThrow(/host:info/);
    await expect(queued.answer).rejects.toMatchObject({ name: 'DisconnectedError' });
    expect(router.drainQueue()).toEqual([]);
    expect(router.pendingCount).toBe(0);
  });
});

describe('parseServerMessage', () => {
  it('accepts objects and JSON text, rejects other shapes', () => {
    expect(parseServerMessage({ kind: 'reply', id: 1, result: { ok: true, value: 1 } })).not.toBeNull();
    expect(parseServerMessage('{"kind":"reply","id":"1","result":{}}')).toBeNull();
    expect(parseServerMessage(42)).toBeNull();
  });
});

describe('WireRouter: trace chunks', () => {
  it('rejects a session:current answer whose chunks did not come whole (records as text)', async () => {
    const router = new WireRouter();
    const call = router.call('session:current', null);
    const chunk = { records: [1, 2, 3, 4, 5, 6, 7, 8], strings: [], infos: [], objects: [] };
    router.receive(
      reply(call.frame.id, { ok: true, value: { status: {}, chunks: [chunk], truncated: false } }),
    );
    await expect(call.answer).rejects.toThrow(/session:current.*TraceChunk/);
  });

  it('passes an empty answer (no session yet) through', async () => {
    const router = new WireRouter();
    const call = router.call('session:current', null);
    router.receive(reply(call.frame.id, { ok: true, value: null }));
    await expect(call.answer).resolves.toBeNull();
  });
});
