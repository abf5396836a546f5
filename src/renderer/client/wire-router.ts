/**
 * The browser shell's message routing, independent of any socket: numbers outgoing calls,
 * matches replies to them, dispatches pushes to listeners, and fails everything pending when
 * the connection drops. `ws-client.ts` plugs a real WebSocket into it; tests plug a fake.
 */
import type { PushChannel, PushMap, WireInvoke, WireServerMessage } from '../../shared/contract';
import { isTraceChunk, PUSH_CHANNELS } from '../../shared/contract';
import { disconnectedError, malformedChunksError } from './client-errors';
import { unwrapResult } from './unwrap';
import { decodeBinaryFrame } from './wire-frame';

interface Pending {
  channel: string;
  resolve: (value: unknown) => void;
  reject: (reason: Error) => void;
}

type AnyListener = (payload: PushMap[PushChannel]) => void;

const pushChannels: ReadonlySet<string> = new Set(PUSH_CHANNELS);

/**
 * Parses and shape-checks one incoming frame, text (JSON) or binary (an ArrayBuffer or a view:
 * a message with trace chunks); null when it is not a server message.
 */
export function parseServerMessage(data: unknown): WireServerMessage | null {
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return decodeBinaryFrame(data);
  let value: unknown = data;
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data);
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  if (m.kind === 'reply' && typeof m.id === 'number' && 'result' in m) return m as WireServerMessage;
  if (m.kind === 'push' && typeof m.channel === 'string' && pushChannels.has(m.channel)) {
    // A trace batch's records only arrive intact in a binary frame.
    if (m.channel === 'session:trace' && !isTraceChunk((m.payload as { chunk?: unknown } | null)?.chunk)) {
      return null;
    }
    return m as WireServerMessage;
  }
  return null;
}

/** False when a `session:current` answer holds something that is not a chunk (text cannot carry records). */
function chunksIntact(channel: string, result: unknown): boolean {
  if (channel !== 'session:current') return true;
  const r = result as { ok?: unknown; value?: { chunks?: unknown } | null };
  if (r.ok !== true || r.value === null || r.value === undefined) return true;
  return Array.isArray(r.value.chunks) && r.value.chunks.every(isTraceChunk);
}

/** Routes calls and pushes for one logical client across any number of sockets. */
export class WireRouter {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<PushChannel, Set<AnyListener>>();
  /** Frames that were built while no socket was open, in call order. */
  private queued: WireInvoke[] = [];

  /**
   * Registers a call and returns its frame and the promise of its answer. The caller sends
   * the frame now, or calls {@link queue} to have it sent by {@link drainQueue} later.
   */
  call(channel: string, payload: unknown): { frame: WireInvoke; answer: Promise<unknown> } {
    const id = this.nextId++;
    const frame: WireInvoke = { kind: 'invoke', id, channel, payload };
    const answer = new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { channel, resolve, reject });
    });
    return { frame, answer };
  }

  /** Holds a frame until a socket opens. */
  queue(frame: WireInvoke): void {
    this.queued.push(frame);
  }

  /** Returns the held frames (oldest first) and forgets them. */
  drainQueue(): WireInvoke[] {
    const frames = this.queued;
    this.queued = [];
    return frames;
  }

  /** Number of calls still waiting for a reply. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Handles one incoming frame; returns false when it was not understood (and is ignored). */
  receive(data: unknown): boolean {
    const message = parseServerMessage(data);
    if (!message) return false;
    if (message.kind === 'reply') {
      const entry = this.pending.get(message.id);
      if (!entry) return false;
      this.pending.delete(message.id);
      try {
        if (!chunksIntact(entry.channel, message.result)) throw malformedChunksError(entry.channel);
        entry.resolve(unwrapResult(message.result, entry.channel));
      } catch (err) {
        entry.reject(err as Error);
      }
      return true;
    }
    const set = this.listeners.get(message.channel);
    // Copy so a listener that unsubscribes while handling does not skip its neighbour.
    for (const listener of [...(set ?? [])]) listener(message.payload);
    return true;
  }

  /** Adds a push listener; returns the function that removes it. */
  on<C extends PushChannel>(channel: C, listener: (payload: PushMap[C]) => void): () => void {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    const stored = listener as AnyListener;
    set.add(stored);
    return () => {
      set.delete(stored);
    };
  }

  /** Rejects one call without sending it (e.g. it is too large to send). */
  abandon(id: number, reason: Error): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    entry.reject(reason);
  }

  /** Rejects every call that has not been answered (sent or queued): the socket is gone. */
  failAll(): void {
    const entries = [...this.pending.values()];
    this.pending.clear();
    this.queued = [];
    for (const entry of entries) entry.reject(disconnectedError(entry.channel));
  }
}
