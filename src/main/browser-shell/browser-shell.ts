/**
 * The browser shell: serves the built renderer over HTTP and carries the contract over one
 * WebSocket at `/ws`, for using Parascope from a plain browser. Every request and socket
 * must present the per-run token and name this server in Host (and Origin, where sent).
 */
import { stat, realpath } from 'node:fs/promises';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MAX_REQUEST_BYTES } from '../../shared/contract';
import type { Host } from '../host/host';
import {
  allowedHosts,
  checkToken,
  hostAllowed,
  isLoopback,
  newToken,
  originAllowed,
  shellUrl,
  tokenCookie,
  tokenCookieName,
} from './access';
import { optionRangeError, optionTypeError, rendererNotBuilt } from './shell-errors';
import { createSocketBridge } from './socket-bridge';
import { SECURITY_HEADERS, requestPath, resolveStatic, sendFile } from './static-files';

/** Options of {@link startBrowserShell}. */
export interface BrowserShellOptions {
  host: Host;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Address to listen on; anything but loopback is allowed with a warning. Default 127.0.0.1. */
  bindHost?: string;
  /** The built renderer (`out/renderer`); must contain index.html. */
  rendererDir: string;
  /** Fixed token (URL-safe, 16–512 chars); a random one per run by default. */
  token?: string;
  /** One line per refused request, socket error and warning; defaults to stderr. */
  log?: (line: string) => void;
  /** Most open WebSockets at once (default 16); more are refused with 503. */
  maxSockets?: number;
  /** Most TCP connections at once, sockets included (default 64); more are dropped on accept. */
  maxConnections?: number;
}

/** A running browser shell. */
export interface BrowserShell {
  /** What to open in a browser: includes the token. */
  url: string;
  port: number;
  token: string;
  /** Closes every socket and the server, and unsubscribes from the host. */
  close(): Promise<void>;
}

/** Why a request or upgrade was refused. */
interface Refusal {
  status: number;
  message: string;
}

/** Starts the browser shell; rejects if the renderer is not built or the port is taken. */
export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const opts = checkOptions(options);
  const log = opts.log;
  const root = await rendererRoot(opts.rendererDir);
  const token = opts.token ?? newToken();
  if (!isLoopback(opts.bindHost)) {
    log(
      `browser-shell: warning: listening on ${opts.bindHost}, which other machines may reach; ` +
        'anyone holding the token can run workloads on this machine',
    );
  }

  const bridge = createSocketBridge(opts.host, log);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES, clientTracking: false });
  const server = createServer();
  server.maxConnections = opts.maxConnections;
  // Idle or trickling clients must not hold one of the few connection slots for long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  let hosts = new Set<string>();
  let cookieName = tokenCookieName(0);
  let closing: Promise<void> | undefined;

  /** The checks shared by HTTP requests and socket upgrades, in order of cheapness. */
  function gate(req: IncomingMessage, isSocket: boolean): Refusal | { viaQuery: boolean } {
    if (!hostAllowed(req, hosts)) return { status: 403, message: 'forbidden: unexpected Host header' };
    if (!originAllowed(req, hosts, isSocket)) return { status: 403, message: 'forbidden: unexpected Origin' };
    const check = checkToken(req, token, cookieName);
    if (!check.ok) {
      return check.reason === 'missing'
        ? { status: 401, message: 'unauthorized: token required' }
        : { status: 403, message: 'forbidden: wrong token' };
    }
    return { viaQuery: check.viaQuery };
  }

  function refuse(
    req: IncomingMessage,
    res: ServerResponse,
    refusal: Refusal,
    headers: Record<string, string> = {},
  ) {
    log(`browser-shell: ${refusal.status} ${req.method} ${describePath(req)}: ${refusal.message}`);
    res.writeHead(refusal.status, {
      ...SECURITY_HEADERS,
      ...headers,
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(`${refusal.message}\n`);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const verdict = gate(req, false);
    if ('status' in verdict) return refuse(req, res, verdict);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return refuse(req, res, { status: 405, message: 'method not allowed' }, { Allow: 'GET, HEAD' });
    }
    const resolved = await resolveStatic(root, requestPath(req.url ?? ''));
    if (!resolved.ok) return refuse(req, res, { status: resolved.status, message: resolved.reason });
    // The page was opened with ?token=: hand it the cookie so its assets and socket carry it.
    const extra: Record<string, string> = verdict.viaQuery
      ? { 'Set-Cookie': tokenCookie(cookieName, token) }
      : {};
    const outcome = await sendFile(res, resolved.file, req.method === 'HEAD', extra);
    if (outcome === 'not-a-file') refuse(req, res, { status: 404, message: 'no such file' });
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    onRequest(req, res).catch((error: unknown) => {
      log(`browser-shell: ${req.method} ${describePath(req)} failed: ${(error as Error).message}`);
      if (!res.headersSent) refuse(req, res, { status: 500, message: 'internal error' });
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (error) => log(`browser-shell: upgrade socket error: ${error.message}`));
    const refusal = upgradeRefusal(req);
    if (refusal) {
      log(`browser-shell: refused socket ${describePath(req)}: ${refusal.status} ${refusal.message}`);
      return refuseUpgrade(socket, refusal);
    }
    wss.handleUpgrade(req, socket, head, (ws) => bridge.attach(ws));
  });

  function upgradeRefusal(req: IncomingMessage): Refusal | undefined {
    if (closing) return { status: 503, message: 'shutting down' };
    if (requestPath(req.url ?? '') !== '/ws') return { status: 404, message: 'no socket here' };
    const verdict = gate(req, true);
    if ('status' in verdict) return verdict;
    if (bridge.size >= opts.maxSockets) return { status: 503, message: 'too many open sockets' };
    return undefined;
  }

  server.on('drop', () => log('browser-shell: connection dropped: too many open connections'));
  server.on('clientError', (error, socket) => {
    log(`browser-shell: bad request: ${error.message}`);
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const port = await listen(server, opts.port, opts.bindHost);
  hosts = allowedHosts(port, opts.bindHost);
  cookieName = tokenCookieName(port);
  server.on('error', (error) => log(`browser-shell: server error: ${error.message}`));

  return {
    url: shellUrl(opts.bindHost, port, token),
    port,
    token,
    close() {
      closing ??= (async () => {
        await bridge.close();
        wss.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

type CheckedOptions = Required<Omit<BrowserShellOptions, 'token'>> & { token: string | undefined };

function checkOptions(options: BrowserShellOptions): CheckedOptions {
  if (typeof options !== 'object' || options === null) throw optionTypeError('', 'an object');
  const {
    host,
    port = 0,
    bindHost = '127.0.0.1',
    rendererDir,
    token,
    maxSockets = 16,
    maxConnections = 64,
  } = options;
  if (typeof host?.invoke !== 'function' || typeof host.subscribe !== 'function') {
    throw optionTypeError('host', 'a Host (from createHost)');
  }
  if (typeof port !== 'number') throw optionTypeError('port', 'a number');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw optionRangeError('port', 'an integer 0..65535');
  if (typeof bindHost !== 'string' || bindHost === '')
    throw optionTypeError('bindHost', 'a non-empty string');
  if (typeof rendererDir !== 'string' || rendererDir === '') {
    throw optionTypeError('rendererDir', 'a non-empty string');
  }
  if (token !== undefined) {
    if (typeof token !== 'string') throw optionTypeError('token', 'a string');
    if (!/^[A-Za-z0-9._~-]{16,512}$/.test(token)) {
      throw optionRangeError('token', '16 to 512 characters from A-Z a-z 0-9 . _ ~ -');
    }
  }
  for (const [name, value] of [
    ['maxSockets', maxSockets],
    ['maxConnections', maxConnections],
  ] as const) {
    if (typeof value !== 'number') throw optionTypeError(name, 'a number');
    if (!Number.isInteger(value) || value < 1) throw optionRangeError(name, 'a positive integer');
  }
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  if (typeof log !== 'function') throw optionTypeError('log', 'a function');
  return { host, port, bindHost, rendererDir, token, log, maxSockets, maxConnections };
}

async function rendererRoot(rendererDir: string): Promise<string> {
  try {
    const root = await realpath(path.resolve(rendererDir));
    if ((await stat(path.join(root, 'index.html'))).isFile()) return root;
  } catch {
    // Missing directory or index.html: both mean the renderer was not built.
  }
  throw rendererNotBuilt(rendererDir);
}

function listen(server: ReturnType<typeof createServer>, port: number, bindHost: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, bindHost, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  if (!socket.writable) return void socket.destroy();
  const body = `${refusal.message}\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** The request path for logs, without the query (which may hold the token). */
function describePath(req: IncomingMessage): string {
  return JSON.stringify(requestPath(req.url ?? '').slice(0, 200));
}
