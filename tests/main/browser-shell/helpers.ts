/** Shared fixtures for the browser shell tests: a tiny renderer, a fake Host, raw clients. */
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import type { Host, PushListener } from '../../../src/main/host/host';
import type { PushChannel, PushMap, WireServerMessage } from '../../../src/shared/contract';
import type { Result } from '../../../src/shared/errors';
import { parseServerMessage } from '../../../src/renderer/client/wire-router';

export const INDEX_HTML =
  '<!doctype html><title>Parascope test</title><script src="/assets/app.js"></script>';
export const APP_JS = 'console.log("app");';
export const SECRET = 'TOP-SECRET-OUTSIDE-RENDERER';

/** A temp dir holding `renderer/` (index.html, assets/app.js, a symlink out) and a secret beside it. */
export async function makeRenderer(): Promise<{
  dir: string;
  rendererDir: string;
  cleanup: () => Promise<void>;
}> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'parascope-shell-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), INDEX_HTML);
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), APP_JS);
  await writeFile(path.join(dir, 'secret.txt'), SECRET);
  await symlink(path.join(dir, 'secret.txt'), path.join(rendererDir, 'assets', 'leak.txt'));
  return { dir, rendererDir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A Host that echoes calls and lets the test push; records everything. */
export class FakeHost implements Host {
  readonly calls: Array<{ channel: unknown; payload: unknown }> = [];
  readonly listeners = new Set<PushListener>();
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  async invoke(channel: unknown, payload: unknown): Promise<Result<unknown>> {
    this.calls.push({ channel, payload });
    if (channel === 'echo') return { ok: true, value: { echoed: payload } };
    return { ok: false, error: { code: 'unknown-channel', name: 'TypeError', message: 'unknown channel' } };
  }

  subscribe(listener: PushListener): () => void {
    this.listeners.add(listener);
    this.notify();
    return () => {
      this.listeners.delete(listener);
      this.notify();
    };
  }

  async dispose(): Promise<void> {}

  push<C extends PushChannel>(channel: C, payload: PushMap[C]): void {
    for (const listener of this.listeners) listener(channel, payload);
  }

  /** Resolves once exactly `count` subscribers are registered. */
  whenSubscribers(count: number): Promise<void> {
    if (this.listeners.size === count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  private notify(): void {
    const ready = this.waiters.filter((w) => w.count === this.listeners.size);
    this.waiters = this.waiters.filter((w) => w.count !== this.listeners.size);
    for (const w of ready) w.resolve();
  }
}

/** A response read in full. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request with the path sent exactly as given (no URL normalisation, unlike fetch). */
export function rawRequest(
  port: number,
  rawPath: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: rawPath,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** What happened to a socket's opening handshake. */
export type OpenOutcome = { opened: true; ws: WebSocket } | { opened: false; status: number | undefined };

/** Opens a WebSocket to `/ws` (or `urlPath`) with the given token, origin and headers. */
export function openSocket(
  port: number,
  options: {
    token?: string;
    origin?: string | null;
    headers?: Record<string, string>;
    urlPath?: string;
  } = {},
): Promise<OpenOutcome> {
  const query = options.token === undefined ? '' : `?token=${encodeURIComponent(options.token)}`;
  const origin = options.origin === undefined ? `http://127.0.0.1:${port}` : options.origin;
  const ws = new WebSocket(`ws://127.0.0.1:${port}${options.urlPath ?? '/ws'}${query}`, {
    ...(origin === null ? {} : { origin }),
    headers: options.headers,
  });
  return new Promise((resolve) => {
    ws.on('open', () => resolve({ opened: true, ws }));
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      resolve({ opened: false, status: res.statusCode });
      ws.terminate();
    });
    ws.on('error', () => resolve({ opened: false, status: undefined }));
  });
}

/** Opens a socket that must succeed. */
export async function connect(port: number, token: string): Promise<WebSocket> {
  const outcome = await openSocket(port, { token });
  if (!outcome.opened) throw new Error(`socket refused with ${outcome.status}`);
  return outcome.ws;
}

/**
 * Resolves with the next server message that satisfies `predicate`, read by the page's own
 * parser (text frames as JSON, binary frames with their chunks' records restored).
 */
export function nextMessage(
  ws: WebSocket,
  predicate: (message: WireServerMessage) => boolean = () => true,
): Promise<WireServerMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer, isBinary: boolean) => {
      const message = parseServerMessage(isBinary ? data : data.toString('utf8'));
      if (message === null) {
        reject(new Error(`not a server message (${isBinary ? 'binary' : 'text'}, ${data.length} bytes)`));
        return;
      }
      if (!predicate(message)) return;
      ws.off('message', onMessage);
      resolve(message);
    };
    ws.on('message', onMessage);
  });
}

/** Sends a call and resolves with its reply. */
export async function call(
  ws: WebSocket,
  id: number,
  channel: string,
  payload: unknown,
): Promise<WireServerMessage> {
  const reply = nextMessage(ws, (m) => m.kind === 'reply' && m.id === id);
  ws.send(JSON.stringify({ kind: 'invoke', id, channel, payload }));
  return reply;
}

/** Resolves with the close code once the socket has closed. */
export function closed(ws: WebSocket): Promise<number> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve(-1);
  return new Promise((resolve) => ws.once('close', (code: number) => resolve(code)));
}
