/**
 * Connects accepted WebSockets to the host: calls in, replies and pushes out. Subscribes to
 * the host only while at least one socket is open, so the sampler idles with no page open.
 */
import { WebSocket } from 'ws';
import type { InvokeChannel, PushChannel, PushMap } from '../../shared/contract';
import { isInvokeChannel } from '../../shared/contract-schema';
import { failure, type Result } from '../../shared/errors';
import { toErrorData } from '../host/host-errors';
import type { Host } from '../host/host';
import { malformedMessage, tooManyPending, unencodableReply } from './shell-errors';
import { decodeInvoke, encodePush, encodeReply, type EncodedFrame } from './wire';

/**
 * Above this many unsent bytes on a socket, `sampler:sample` pushes to it are dropped. Samples
 * are a live gauge: the next one supersedes the last, so a slow page loses nothing it needs.
 * Replies, trace batches and session status are never dropped, since each carries state the
 * page cannot rebuild.
 */
export const SAMPLE_DROP_BYTES = 4 * 1024 * 1024;

/**
 * Above this many unsent bytes the page has stopped reading altogether; the socket is cut
 * rather than letting its queue grow without bound (the page reconnects and re-fetches).
 */
export const CUT_OFF_BYTES = 64 * 1024 * 1024;

/** Calls one socket may have waiting for replies before further calls are refused. */
export const MAX_PENDING_CALLS = 64;

/** How long `close()` waits for a page to answer the close handshake before cutting it. */
const CLOSE_GRACE_MS = 1000;

/** The set of live sockets attached to one host. */
export interface SocketBridge {
  /** Serves one accepted socket until it closes. */
  attach(ws: WebSocket): void;
  /** Open sockets. */
  readonly size: number;
  /** Closes every socket (1001) and unsubscribes from the host. */
  close(): Promise<void>;
}

/** Creates the bridge between `host` and the sockets attached to it. */
export function createSocketBridge(host: Host, log: (line: string) => void): SocketBridge {
  const sockets = new Set<WebSocket>();
  let unsubscribe: (() => void) | undefined;
  let droppedSamples = 0;

  function push<C extends PushChannel>(channel: C, payload: PushMap[C]): void {
    // Encoded once for every socket (a trace batch: one binary frame, records copied once).
    let frame: EncodedFrame;
    try {
      frame = encodePush(channel, payload);
    } catch (error) {
      log(
        `browser-shell: push on ${channel} could not be encoded: ${toErrorData(error, 'internal').message}`,
      );
      return;
    }
    for (const ws of sockets) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      if (ws.bufferedAmount > CUT_OFF_BYTES) {
        log(`browser-shell: closing a socket that stopped reading (${ws.bufferedAmount} bytes queued)`);
        ws.terminate();
        continue;
      }
      if (channel === 'sampler:sample' && ws.bufferedAmount > SAMPLE_DROP_BYTES) {
        // Log the first drop and then every 100th, not one line per sample.
        if (droppedSamples++ % 100 === 0)
          log(`browser-shell: slow socket, dropped ${droppedSamples} sample(s)`);
        continue;
      }
      ws.send(frame);
    }
  }

  function reply(ws: WebSocket, id: number, result: Result<unknown>, channel?: InvokeChannel): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    let frame: EncodedFrame;
    try {
      frame = encodeReply(id, result, channel);
    } catch (error) {
      frame = encodeReply(id, failure(unencodableReply(toErrorData(error, 'internal').message)));
    }
    ws.send(frame);
  }

  function attach(ws: WebSocket): void {
    sockets.add(ws);
    if (!unsubscribe) unsubscribe = host.subscribe(push);
    let pending = 0;

    ws.on('message', (data, isBinary) => {
      const call = decodeInvoke(data, isBinary);
      if (!call.ok) {
        log(`browser-shell: rejected socket message (id ${call.id}): ${call.message}`);
        reply(ws, call.id, failure(malformedMessage(call.message)));
        return;
      }
      if (pending >= MAX_PENDING_CALLS) {
        log(`browser-shell: rejected ${call.channel} (id ${call.id}): too many calls in flight`);
        reply(ws, call.id, failure(tooManyPending(MAX_PENDING_CALLS)));
        return;
      }
      pending += 1;
      host
        .invoke(call.channel, call.payload)
        // Host.invoke never rejects by contract; this keeps a broken host from killing the process.
        .catch((error: unknown) => failure(toErrorData(error, 'internal')))
        .then((result) => {
          pending -= 1;
          reply(ws, call.id, result, isInvokeChannel(call.channel) ? call.channel : undefined);
        });
    });

    // Oversized frames (maxPayload) and protocol errors land here; ws then closes the socket
    // itself (1009 for size), leaving every other socket untouched.
    ws.on('error', (error) => log(`browser-shell: socket error: ${error.message}`));

    ws.on('close', () => {
      sockets.delete(ws);
      if (sockets.size === 0 && unsubscribe) {
        unsubscribe();
        unsubscribe = undefined;
      }
    });
  }

  async function close(): Promise<void> {
    const closing = [...sockets].map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
          ws.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          ws.close(1001, 'server shutting down');
        }),
    );
    await Promise.all(closing);
    unsubscribe?.();
    unsubscribe = undefined;
  }

  return {
    attach,
    get size() {
      return sockets.size;
    },
    close,
  };
}
