/**
 * The channel between a parent and a child *process* of the runtime (pool workers, Process
 * children): a Unix socket pair made by `fork` as an extra stdio entry, carrying frames
 * (frames.ts) both ways. Every message of the child's protocol and of the link layer goes
 * through it, in order, so a one-way operation sent before a task's result is served before the
 * result is seen. Node's IPC channel is still opened by `fork` but carries nothing.
 *
 * Why not Node's IPC: see frames.ts (a small message costs 3-4 times less this way).
 * Death: the socket closes when the child exits (the kernel closes its end), so the parent's
 * `'close'` of the child still comes after its last message. Backpressure: writes the kernel
 * cannot take at once queue in the socket, as IPC writes queue in the channel. While they do,
 * nothing sent now could leave earlier anyway, so plain messages are written as JSON text at
 * once (a snapshot, as a send always is) and leave together as one frame when the socket
 * drains: a producer that outruns its consumer pays one frame per batch, not per message.
 */
import { Socket } from 'node:net';
import type { Transport } from '../../transport';
import { encodeFrame, encodeJsonBatch, FrameReader, jsonExact } from './frames';

const EMPTY = Buffer.alloc(0);

/** The child's descriptor of its end of the pair: the stdio index `fork` puts it at. */
export const FRAME_FD = 4;
/** Tells a child that its frame socket is at {@link FRAME_FD}. */
export const FRAME_FD_ENV = 'PARASCOPE_FRAME_FD';

/** `fork` options for a child that talks over a frame socket (stdout/stderr as given). */
export function frameForkOptions(
  stdout: 'pipe' | 'inherit',
  stderr: 'pipe' | 'inherit',
): { stdio: ['ignore', typeof stdout, typeof stderr, 'ipc', 'pipe']; env: NodeJS.ProcessEnv } {
  return {
    stdio: ['ignore', stdout, stderr, 'ipc', 'pipe'],
    env: { ...process.env, [FRAME_FD_ENV]: String(FRAME_FD) },
  };
}

/** One end of a frame channel. */
export class FrameSocket {
  private closed = false;
  /** Messages written as JSON while the socket was backed up, to leave as one frame. */
  private held: string[] = [];
  private waitingForDrain = false;

  constructor(
    private readonly socket: Socket,
    onMessage: (message: unknown) => void,
  ) {
    const reader = new FrameReader(onMessage);
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
    socket.on('close', () => {
      this.closed = true;
    });
    // A reset by a dying peer is its exit, reported by whoever watches the process.
    socket.on('error', () => undefined);
  }

  /** Whether the channel can still carry messages. */
  get open(): boolean {
    return !this.closed && this.socket.writable;
  }

  /**
   * Sends one message. Throws when it cannot be serialized (nothing is sent then); a message to
   * a peer that is gone is dropped.
   */
  send(message: unknown): void {
    if (this.held.length > 0 || this.socket.writableLength > 0) {
      if (jsonExact(message)) {
        if (!this.open) return;
        this.held.push(JSON.stringify(message));
        this.releaseOnDrain();
        return;
      }
      // Not plain JSON: what is held goes first, to keep the order.
      const frame = encodeFrame(message);
      this.release();
      if (this.open) this.socket.write(frame);
      return;
    }
    const frame = encodeFrame(message);
    if (this.open) this.socket.write(frame);
  }

  /** Writes the held messages as one frame. */
  private release(): void {
    if (this.held.length === 0) return;
    const texts = this.held;
    this.held = [];
    if (this.open) this.socket.write(encodeJsonBatch(texts));
  }

  /** Releases the held messages once what is queued before them has left. */
  private releaseOnDrain(): void {
    if (this.waitingForDrain) return;
    this.waitingForDrain = true;
    // An empty write's callback runs once every earlier write is done ('drain' only follows a
    // write that went over the high-water mark).
    this.socket.write(EMPTY, () => {
      this.waitingForDrain = false;
      this.release();
    });
  }

  /** Sends one message; resolves once the kernel has it (or it cannot be sent). */
  sendLast(message: unknown): Promise<void> {
    return new Promise((resolve) => {
      let frame: Buffer;
      try {
        frame = encodeFrame(message);
      } catch {
        resolve();
        return;
      }
      if (!this.open) {
        resolve();
        return;
      }
      this.release();
      this.socket.write(frame, () => resolve());
    });
  }

  /** Resolves once everything sent so far is with the kernel (or cannot be sent any more). */
  drained(): Promise<void> {
    this.release();
    if (!this.open || this.socket.writableLength === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.write(EMPTY, () => resolve());
    });
  }

  /** Calls `listener` once the channel is closed (the peer ended or closed it). */
  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.socket.once('close', listener);
  }

  /** Whether the socket keeps this process's event loop alive. */
  setKeepAlive(keepAlive: boolean): void {
    if (keepAlive) this.socket.ref();
    else this.socket.unref();
  }
}

/** The frame socket a forking parent gave this process, or null when it gave none. */
export function inheritedFrameSocket(onMessage: (message: unknown) => void): FrameSocket | null {
  const fd = process.env[FRAME_FD_ENV];
  if (fd === undefined) return null;
  // Like NODE_CHANNEL_FD: meant for this process only, not for whatever it starts.
  delete process.env[FRAME_FD_ENV];
  const socket = new Socket({ fd: Number(fd), readable: true, writable: true });
  return new FrameSocket(socket, onMessage);
}

/** A {@link Transport} over a frame socket, with ways to make sure the last messages leave. */
export interface FrameTransport extends Transport {
  /** Sends one message; resolves once the kernel has it. */
  sendLast(message: unknown): Promise<void>;
  /** Resolves once everything sent so far is with the kernel. */
  drained(): Promise<void>;
}

/**
 * This process's channel to its parent as a {@link Transport}: the inherited frame socket.
 * Returns null when the parent gave none (then the caller uses Node's IPC).
 */
export function frameTransport(): FrameTransport | null {
  const listeners: ((message: unknown) => void)[] = [];
  const early: unknown[] = [];
  const channel = inheritedFrameSocket((message) => {
    if (listeners.length === 0) early.push(message);
    for (const listener of listeners) listener(message);
  });
  if (channel === null) return null;
  return {
    kind: 'node-ipc',
    send: (message) => channel.send(message),
    sendLast: (message) => channel.sendLast(message),
    drained: () => channel.drained(),
    onMessage: (listener) => {
      listeners.push(listener);
      // Messages that came before anyone listened (none should: the entry listens at once).
      for (const message of early.splice(0)) listener(message);
    },
    onDisconnect: (listener) => channel.onClose(listener),
  };
}
