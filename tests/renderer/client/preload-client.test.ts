import { describe, expect, it } from 'vitest';
import type { PreloadBridge, PushChannel } from '../../../src/shared/contract';
import { wrapPreloadBridge } from '../../../src/renderer/client/preload-client';

function fakeBridge(reply: unknown): {
  bridge: PreloadBridge;
  calls: [string, unknown][];
  emit: (c: PushChannel, p: unknown) => void;
} {
  const calls: [string, unknown][] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const bridge = {
    invoke: async (channel: string, request: unknown) => {
      calls.push([channel, request]);
      return reply;
    },
    on: (channel: string, listener: (p: unknown) => void) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  } as unknown as PreloadBridge;
  return { bridge, calls, emit: (c, p) => listeners.get(c)?.forEach((l) => l(p)) };
}

describe('wrapPreloadBridge', () => {
  it('passes the call through and resolves with the unwrapped value', async () => {
    const { bridge, calls } = fakeBridge({ ok: true, value: { hz: 5 } });
    const api = wrapPreloadBridge(bridge);
    await expect(api.invoke('sampler:set-rate', { hz: 5 })).resolves.toEqual({ hz: 5 });
    expect(calls).toEqual([['sampler:set-rate', { hz: 5 }]]);
  });

  it('rejects with an Error named after the ErrorData and keeps its code', async () => {
    const { bridge } = fakeBridge({
      ok: false,
      error: { code: 'not-found', name: 'TypeError', message: 'no such scenario' },
    });
    const api = wrapPreloadBridge(bridge);
    await expect(api.invoke('session:start', { scenario: 'x', params: {} })).rejects.toMatchObject({
      name: 'TypeError',
      message: 'no such scenario',
      code: 'not-found',
    });
  });

  it('forwards pushes to listeners until they unsubscribe', () => {
    const { bridge, emit } = fakeBridge(null);
    const api = wrapPreloadBridge(bridge);
    const seen: unknown[] = [];
    const off = api.on('session:status', (s) => seen.push(s.state));
    emit('session:status', { sessionId: 'a', scenario: 'p', state: 'running' });
    off();
    emit('session:status', { sessionId: 'a', scenario: 'p', state: 'finished' });
    expect(seen).toEqual(['running']);
  });
});
