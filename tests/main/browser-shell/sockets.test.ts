import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startBrowserShell, type BrowserShell } from '../../../src/main/browser-shell';
import { createHost } from '../../../src/main/host/host';
import { MAX_REQUEST_BYTES, type CurrentSession, type TraceBatch } from '../../../src/shared/contract';
import { decodeChunk, encodeEvents } from '../../../src/shared/trace-chunk';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { FakeRunner, FakeSampler, FakeTopology, fakeTopology } from '../host/fakes';
import { FakeHost, call, closed, connect, makeRenderer, nextMessage, openSocket } from './helpers';

let fixture: Awaited<ReturnType<typeof makeRenderer>>;
let host: FakeHost;
let shell: BrowserShell;
let lines: string[];
const sockets: WebSocket[] = [];

async function start(extra: { maxSockets?: number; maxConnections?: number } = {}): Promise<void> {
  shell = await startBrowserShell({
    host,
    rendererDir: fixture.rendererDir,
    log: (line) => lines.push(line),
    ...extra,
  });
}

async function client(): Promise<WebSocket> {
  const ws = await connect(shell.port, shell.token);
  sockets.push(ws);
  return ws;
}

beforeEach(async () => {
  fixture = await makeRenderer();
  host = new FakeHost();
  lines = [];
});

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await shell.close();
  await fixture.cleanup();
});

describe('browser shell sockets: access', () => {
  beforeEach(() => start());

  it('refuses a socket without a token (401) or with a wrong one (403)', async () => {
    expect(await openSocket(shell.port)).toEqual({ opened: false, status: 401 });
    expect(await openSocket(shell.port, { token: 'wrong' })).toEqual({ opened: false, status: 403 });
    expect(host.listeners.size).toBe(0);
  });

  it('accepts the token as query, bearer header or cookie', async () => {
    const ways: Array<Parameters<typeof openSocket>[1]> = [
      { token: shell.token },
      { headers: { Authorization: `Bearer ${shell.token}` } },
      { headers: { Cookie: `parascope_token_${shell.port}=${shell.token}` } },
    ];
    for (const options of ways) {
      const outcome = await openSocket(shell.port, options);
      expect(outcome.opened).toBe(true);
      if (outcome.opened) sockets.push(outcome.ws);
    }
  });

  it('requires its own Origin on the upgrade', async () => {
    expect(await openSocket(shell.port, { token: shell.token, origin: null })).toEqual({
      opened: false,
      status: 403,
    });
    const foreign = await openSocket(shell.port, { token: shell.token, origin: 'http://evil.example' });
    expect(foreign).toEqual({ opened: false, status: 403 });
    const local = await openSocket(shell.port, {
      token: shell.token,
      origin: `http://localhost:${shell.port}`,
    });
    expect(local.opened).toBe(true);
    if (local.opened) sockets.push(local.ws);
  });

  it('refuses a rebound Host header and paths other than /ws', async () => {
    const rebound = await openSocket(shell.port, {
      token: shell.token,
      headers: { Host: `evil.example:${shell.port}` },
      origin: `http://evil.example:${shell.port}`,
    });
    expect(rebound).toEqual({ opened: false, status: 403 });
    expect(await openSocket(shell.port, { token: shell.token, urlPath: '/socket' })).toEqual({
      opened: false,
      status: 404,
    });
  });
});

describe('browser shell sockets: calls and pushes', () => {
  beforeEach(() => start());

  it('carries a call to the host and its reply back', async () => {
    const ws = await client();
    const reply = await call(ws, 7, 'echo', { a: 1 });
    expect(reply).toEqual({ kind: 'reply', id: 7, result: { ok: true, value: { echoed: { a: 1 } } } });
    expect(host.calls).toEqual([{ channel: 'echo', payload: { a: 1 } }]);
  });

  it('works end to end with the real host façade', async () => {
    await shell.close();
    const sampler = new FakeSampler();
    const realHost = createHost({
      shell: 'browser',
      version: '9.9.9',
      topology: new FakeTopology(fakeTopology()),
      sampler,
      sessions: new FakeRunner(),
      log: () => {},
    });
    shell = await startBrowserShell({ host: realHost, rendererDir: fixture.rendererDir, log: () => {} });
    const ws = await client();
    const info = await call(ws, 1, 'host:info', null);
    expect(info).toMatchObject({
      kind: 'reply',
      id: 1,
      result: { ok: true, value: { shell: 'browser', version: '9.9.9' } },
    });
    const bad = await call(ws, 2, 'sampler:set-rate', { hz: 1000 });
    expect(bad).toMatchObject({ id: 2, result: { ok: false, error: { code: 'invalid-payload' } } });
    expect(sampler.running).toBe(true);
    const sample = nextMessage(ws, (m) => m.kind === 'push');
    sampler.emit({ t: 5, hz: 10, cores: [], total: 0 });
    expect(await sample).toEqual({
      kind: 'push',
      channel: 'sampler:sample',
      payload: { t: 5, hz: 10, cores: [], total: 0 },
    });
  });

  it("carries a session's trace chunks to the page, pushed and in the current-session answer", async () => {
    await shell.close();
    const sessions = new FakeRunner();
    const realHost = createHost({
      shell: 'browser',
      version: '9.9.9',
      topology: new FakeTopology(fakeTopology()),
      sampler: new FakeSampler(),
      sessions,
      log: () => {},
    });
    shell = await startBrowserShell({ host: realHost, rendererDir: fixture.rendererDir, log: () => {} });
    const ws = await client();
    expect(await call(ws, 1, 'session:start', { scenario: 'sum', params: {} })).toMatchObject({
      result: { ok: true, value: { sessionId: 's1' } },
    });
    const events: TraceEvent[] = [
      { type: 'task-submit', ts: 10, taskId: '1:0', name: 'add', args: '(1, 2)' },
      { type: 'task-start', ts: 11, taskId: '1:0', workerId: 0, pid: 42 },
      { type: 'output', ts: 12, pid: 42, tid: 0, stream: 'stdout', line: 'hello' },
      { type: 'task-end', ts: 13, taskId: '1:0', workerId: 0, pid: 42, ok: false, error: 'boom' },
    ];
    const pushed = nextMessage(ws, (m) => m.kind === 'push' && m.channel === 'session:trace');
    sessions.sessions[0]!.observer.onTrace(encodeEvents(events));
    const batch = ((await pushed) as { payload: TraceBatch }).payload;
    expect(batch.sessionId).toBe('s1');
    expect(decodeChunk(batch.chunk)).toEqual(events);
    const current = await call(ws, 2, 'session:current', null);
    const answer = (current as { result: { ok: true; value: CurrentSession } }).result.value;
    expect(answer.status).toMatchObject({ sessionId: 's1', state: 'running' });
    expect(answer.chunks.flatMap((c) => decodeChunk(c))).toEqual(events);
  });

  it('pushes to every open socket, and subscribes to the host only while sockets are open', async () => {
    expect(host.listeners.size).toBe(0);
    const a = await client();
    const b = await client();
    expect(host.listeners.size).toBe(1);
    const got = [a, b].map((ws) => nextMessage(ws, (m) => m.kind === 'push'));
    const status = { sessionId: 's1', scenario: 'sum', state: 'running' as const, startedUs: 1 };
    host.push('session:status', status);
    for (const message of await Promise.all(got)) {
      expect(message).toEqual({ kind: 'push', channel: 'session:status', payload: status });
    }
    a.close();
    b.close();
    await host.whenSubscribers(0);
  });

  it('answers malformed JSON with an error reply (id -1) and keeps the socket open', async () => {
    const ws = await client();
    const reply = nextMessage(ws);
    ws.send('{not json');
    expect(await reply).toMatchObject({
      kind: 'reply',
      id: -1,
      result: { ok: false, error: { code: 'invalid-payload', message: 'message is not valid JSON' } },
    });
    expect((await call(ws, 3, 'echo', 1)).kind).toBe('reply');
    expect(lines.some((line) => line.includes('not valid JSON'))).toBe(true);
  });

  it('answers a message that is not a WireInvoke with its id when it has one', async () => {
    const ws = await client();
    for (const [text, id] of [
      ['{"kind":"push","id":4,"channel":"echo"}', 4],
      ['{"kind":"invoke","id":5,"channel":42}', 5],
      ['{"kind":"invoke","id":"6","channel":"echo"}', -1],
      ['[1,2]', -1],
      ['null', -1],
    ] as const) {
      const reply = nextMessage(ws);
      ws.send(text);
      expect(await reply).toMatchObject({
        kind: 'reply',
        id,
        result: { ok: false, error: { code: 'invalid-payload' } },
      });
    }
    const binary = nextMessage(ws);
    ws.send(Buffer.from('{"kind":"invoke","id":8,"channel":"echo"}'), { binary: true });
    expect(await binary).toMatchObject({ id: -1, result: { ok: false } });
    expect(host.calls).toEqual([]);
  });

  it('closes only the socket that sends an oversized message (1009)', async () => {
    const big = await client();
    const other = await client();
    const code = closed(big);
    big.send(
      JSON.stringify({ kind: 'invoke', id: 1, channel: 'echo', payload: 'x'.repeat(MAX_REQUEST_BYTES) }),
    );
    expect(await code).toBe(1009);
    expect(await call(other, 2, 'echo', 'still here')).toMatchObject({ id: 2, result: { ok: true } });
    expect(host.calls).toEqual([{ channel: 'echo', payload: 'still here' }]);
  });

  it('close() closes sockets with 1001, unsubscribes from the host and stops listening', async () => {
    const ws = await client();
    const code = closed(ws);
    await shell.close();
    expect(await code).toBe(1001);
    expect(host.listeners.size).toBe(0);
    await expect(fetch(shell.url)).rejects.toThrow();
  });
});

describe('browser shell sockets: floods', () => {
  it('refuses sockets beyond the cap while an existing client keeps getting replies', async () => {
    await start({ maxSockets: 16 });
    const first = await client();
    for (let i = 1; i < 16; i++) await client();
    const flood = await Promise.all(
      Array.from({ length: 50 }, () => openSocket(shell.port, { token: shell.token })),
    );
    for (const outcome of flood) {
      if (outcome.opened) sockets.push(outcome.ws);
      expect(outcome.opened).toBe(false);
    }
    expect(flood.filter((o) => !o.opened && o.status === 503).length).toBeGreaterThan(0);
    expect(await call(first, 99, 'echo', 'alive')).toMatchObject({ id: 99, result: { ok: true } });
  });

  it('drops TCP connections beyond the connection cap without disturbing a connected client', async () => {
    await start({ maxConnections: 3 });
    const ws = await client();
    // Two idle connections fill the cap (the socket above holds the third).
    const idle = await Promise.all([0, 1].map(() => tcpConnect(shell.port)));
    const flood = await Promise.all(Array.from({ length: 10 }, () => tcpConnect(shell.port)));
    await Promise.all(flood.map((c) => c.closed));
    expect(lines.filter((line) => line.includes('connection dropped'))).toHaveLength(10);
    expect(await call(ws, 1, 'echo', 'alive')).toMatchObject({ id: 1, result: { ok: true } });
    for (const c of idle) c.socket.destroy();
  });
});

/** A raw TCP connection, and a promise of its closing (armed before anything can close it). */
function tcpConnect(port: number): Promise<{ socket: net.Socket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const closedPromise = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('connect', () => resolve({ socket, closed: closedPromise }));
    socket.on('error', reject);
  });
}
