/**
 * The browser shell's client: one WebSocket to the host carrying {@link WireInvoke} calls
 * and {@link WireServerMessage} replies and pushes. Reconnects with back-off when the socket
 * closes; calls still unanswered at that moment reject. The socket itself is injected, so
 * this file has no DOM dependency and is tested with a fake.
 */
import type {
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  ParascopeApi,
  PushChannel,
  PushMap,
} from '../../shared/contract';
import { MAX_REQUEST_BYTES } from '../../shared/contract';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { badOptionError } from './client-errors';
import { WireRouter } from './wire-router';

/** What the client tells a socket factory to call. */
export interface SocketHandlers {
  onOpen(): void;
  onClose(): void;
  onMessage(data: unknown): void;
}

/** The little the client needs from a socket. */
export interface SocketLike {
  send(data: string): void;
  close(): void;
}

/** Opens a socket to `url` that reports through `handlers`. */
export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketLike;

/** Runs `fn` after `ms`; returns a cancel function. */
export type DelayScheduler = (fn: () => void, ms: number) => () => void;

/** State of the connection to the host, as the header and banner show it. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Something that reports {@link ConnectionState} changes (the Electron bridge is always open). */
export interface ConnectionSource {
  getState(): ConnectionState;
  /** Listens for changes; returns the function that stops listening. */
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

/** Options of {@link createWsClient}. */
export interface WsClientOptions {
  url: string;
  createSocket: SocketFactory;
  schedule?: DelayScheduler;
  backoff?: BackoffOptions;
}

/** The WebSocket client: the contract's API plus connection state and disposal. */
export interface WsClient extends ParascopeApi {
  readonly connection: ConnectionSource;
  /** Closes the socket for good and rejects pending calls. */
  dispose(): void;
}

const defaultSchedule: DelayScheduler = (fn, ms) => {
  const handle = setTimeout(fn, ms);
  return () => clearTimeout(handle);
};

const encoder = new TextEncoder();

/** Creates the client and opens its first socket immediately. */
export function createWsClient(options: WsClientOptions): WsClient {
  if (typeof options.url !== 'string' || options.url.length === 0) {
    throw badOptionError('url', 'a non-empty ws:// or wss:// URL');
  }
  const schedule = options.schedule ?? defaultSchedule;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const router = new WireRouter();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: SocketLike | null = null;
  /** Identity of the socket whose events count. */
  let current: object | null = null;
  let attempt = 0;
  let cancelRetry: (() => void) | null = null;

  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  };

  const scheduleRetry = (): void => {
    setState('reconnecting');
    cancelRetry = schedule(connect, backoffDelay(attempt++, backoff));
  };

  const connect = (): void => {
    cancelRetry = null;
    // Each socket gets its own token; events from a replaced or disposed socket are ignored,
    // so a late close cannot fail the calls of its successor.
    const token = {};
    const isCurrent = (): boolean => current === token;
    try {
      socket = options.createSocket(options.url, {
        onOpen: () => {
          if (!isCurrent()) return;
          attempt = 0;
          setState('open');
          for (const frame of router.drainQueue()) socket?.send(JSON.stringify(frame));
        },
        onMessage: (data) => {
          if (isCurrent()) router.receive(data);
        },
        onClose: () => {
          if (!isCurrent()) return;
          current = null;
          socket = null;
          router.failAll();
          if (state !== 'closed') scheduleRetry();
        },
      });
      current = token;
    } catch {
      // e.g. the URL was refused outright: treat it like a socket that closed at once.
      socket = null;
      router.failAll();
      scheduleRetry();
    }
  };

  const invoke = <C extends InvokeChannel>(
    channel: C,
    request: InvokeRequest<C>,
  ): Promise<InvokeResponse<C>> => {
    const { frame, answer } = router.call(channel, request);
    const text = JSON.stringify(frame);
    if (encoder.encode(text).length > MAX_REQUEST_BYTES) {
      // The host would drop it unanswered; fail here, naming the limit.
      router.abandon(frame.id, badOptionError('request', `at most ${MAX_REQUEST_BYTES} bytes once encoded`));
    } else if (state === 'open' && socket) socket.send(text);
    else router.queue(frame);
    return answer as Promise<InvokeResponse<C>>;
  };

  const on = <C extends PushChannel>(channel: C, listener: (payload: PushMap[C]) => void): (() => void) =>
    router.on(channel, listener);

  const connection: ConnectionSource = {
    getState: () => state,
    subscribe(listener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
  };

  const dispose = (): void => {
    setState('closed');
    cancelRetry?.();
    const last = socket;
    socket = null;
    current = null;
    router.failAll();
    last?.close();
  };

  connect();
  return { invoke, on, connection, dispose };
}
