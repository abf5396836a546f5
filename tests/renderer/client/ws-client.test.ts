import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src/renderer/client/backoff';
import {
  createWsClient,
  type ConnectionState,
  type SocketHandlers,
  type SocketLike,
} from '../../../src/renderer/client/ws-client';

/** A socket the test drives by hand. */
interface FakeSocket extends SocketLike {
  url: string;
  handlers: SocketHandlers;
  sent: unknown[];
  closed: boolean;
}

function harness() {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const states: ConnectionState[] = [];
  const client = createWsClient({
    url: 'ws://127.0.0.1:1/ws',
    createSocket: (url, handlers) => {
      const socket: FakeSocket = {
        url,
        handlers,
        sent: [],
        closed: false,
        send(data) {
          this.sent.push(JSON.parse(data));
        },
        close() {
          this.closed = true;
        },
      };
      sockets.push(socket);
      return socket;
    },
    schedule: (fn, ms) => {
      const timer = { fn, ms, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
  });
  client.connection.subscribe((s) => states.push(s));
  const last = (): FakeSocket => sockets[sockets.length - 1]!;
  return { client, sockets, timers, states, last };
}

describe('createWsClient', () => {
  it('queues calls made before the socket opens and sends them, in order, on open', async () => {
    const { client, last } = harness();
    const info = client.invoke('host:info', null);
    const topo = client.invoke('topology:get', null);
    expect(last().sent).toEqual([]);
    last().handlers.onOpen();
    expect(last().sent).toEqual([
      { kind: 'invoke', id: 1, channel: 'host:info', payload: null },
      { kind: 'invoke', id: 2, channel: 'topology:get', payload: null },
    ]);
    last().handlers.onMessage(JSON.stringify({ kind: 'reply', id: 2, result: { ok: true, value: 'T' } }));
    last().handlers.onMessage(JSON.stringify({ kind: 'reply', id: 1, result: { ok: true, value: 'I' } }));
    await expect(info).resolves.toBe('I');
    await expect(topo).resolves.toBe('T');
    expect(client.connection.getState()).toBe('open');
  });

  it('sends at once while open and routes pushes to listeners', () => {
    const { client, last } = harness();
    last().handlers.onOpen();
    void client.invoke('sampler:set-rate', { hz: 20 });
    expect(last().sent).toEqual([
      { kind: 'invoke', id: 1, channel: 'sampler:set-rate', payload: { hz: 20 } },
    ]);
    const totals: number[] = [];
    client.on('sampler:sample', (s) => totals.push(s.total));
    last().handlers.onMessage(
      JSON.stringify({ kind: 'push', channel: 'sampler:sample', payload: { t: 1, cores: [], total: 42 } }),
    );
    expect(totals).toEqual([42]);
  });

  it('rejects unanswered calls when the socket closes, then reconnects with growing back-off', async () => {
    const { client, sockets, timers, states, last } = harness();
    last().handlers.onOpen();
    const pending = client.invoke('scenarios:list', null);
    last().handlers.onClose();
    await expect(pending).rejects.toMatchObject({ name: 'DisconnectedError' });
    expect(client.connection.getState()).toBe('reconnecting');
    expect(timers.map((t) => t.ms)).toEqual([backoffDelay(0)]);

    // The retry fails before opening: the next delay is longer.
    timers[0]!.fn();
    expect(sockets).toHaveLength(2);
    last().handlers.onClose();
    expect(timers.map((t) => t.ms)).toEqual([backoffDelay(0), backoffDelay(1)]);
    expect(backoffDelay(1)).toBeGreaterThan(backoffDelay(0));

    // The next one opens: state is open again and the back-off starts over.
    timers[1]!.fn();
    last().handlers.onOpen();
    expect(states).toEqual(['open', 'reconnecting', 'open']);
    last().handlers.onClose();
    expect(timers[2]!.ms).toBe(backoffDelay(0));
  });

  it('keeps push listeners across reconnects', () => {
    const { client, timers, last } = harness();
    const seen: string[] = [];
    client.on('session:status', (s) => seen.push(s.state));
    last().handlers.onOpen();
    last().handlers.onClose();
    timers[0]!.fn();
    last().handlers.onOpen();
    last().handlers.onMessage({
      kind: 'push',
      channel: 'session:status',
      payload: { sessionId: 'a', scenario: 'p', state: 'finished' },
    });
    expect(seen).toEqual(['finished']);
  });

  it('ignores events from a socket it has already replaced', async () => {
    const { client, sockets, timers, last } = harness();
    const first = last();
    first.handlers.onOpen();
    first.handlers.onClose();
    timers[0]!.fn();
    last().handlers.onOpen();
    const call = client.invoke('host:info', null);
    // A late close from the old socket must not fail calls on the new one.
    first.handlers.onClose();
    expect(sockets).toHaveLength(2);
    last().handlers.onMessage({ kind: 'reply', id: 1, result: { ok: true, value: 'fine' } });
    await expect(call).resolves.toBe('fine');
  });

  it('dispose closes the socket, rejects pending calls and stops reconnecting', async () => {
    const { client, timers, last } = harness();
    last().handlers.onOpen();
    const pending = client.invoke('host:info', null);
    client.dispose();
    await expect(pending).rejects.toThrow();
    expect(last().closed).toBe(true);
    last().handlers.onClose();
    expect(timers).toHaveLength(0);
    expect(client.connection.getState()).toBe('closed');
  });

  it('refuses a request larger than the host accepts without sending it', async () => {
    const { client, last } = harness();
    last().handlers.onOpen();
    const huge = client.invoke('session:start', { scenario: 'x'.repeat(70 * 1024), params: {} });
    await expect(huge).rejects.toThrow(RangeError);
    expect(last().sent).toEqual([]);
  });

  it('retries when the socket cannot even be created', () => {
    const timers: number[] = [];
    let attempts = 0;
    const client = createWsClient({
      url: 'ws://x/ws',
      createSocket: () => {
        attempts++;
        throw new SyntaxError('bad url');
      },
      schedule: (_fn, ms) => {
        timers.push(ms);
        return () => {};
      },
    });
    expect(attempts).toBe(1);
    expect(client.connection.getState()).toBe('reconnecting');
    expect(timers).toEqual([backoffDelay(0)]);
  });

  it('names the url option when it is empty', () => {
    expect(() => createWsClient({ url: '', createSocket: () => ({ send() {}, close() {} }) })).toThrow(/url/);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    const opts = { baseMs: 100, maxMs: 1000 };
    expect([0, 1, 2, 3, 4, 5, 50].map((n) => backoffDelay(n, opts))).toEqual([
      100, 200, 400, 800, 1000, 1000, 1000,
    ]);
  });
});
