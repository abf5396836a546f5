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
 * drains (held-frames.ts; a producer's puts as one `prim-post-run`): a producer that outruns
 * its consumer pays one frame per batch, not per message. It keeps batching one-way operations
 * while each frame is followed by more before it has left; whenever the kernel could take them,
 * what was held longer than {@link HOLD_MS} leaves with the next one, and anything else is
 * sent at once (after what is held). A loop of one-way puts never lets the event
 * loop run, and only there does a held frame leave: once 64 KiB are held, its next put waits
 * until they have left ({@link FrameSocket.pressure}), so the consumer works while it goes on.
 */
import { Socket } from 'node:net';
import type { Transport } from '../../transport';
import type { LinkBatchMessage } from '../../../shared/link-protocol';
import { encodeFrame, FrameReader, jsonExact } from './frames';
import { HeldFrames } from './held-frames';
import { router } from './router';

const EMPTY = Buffer.alloc(0);
/**
 * Held text beyond which a sender of one-way operations is asked to wait (`pressure`): large
 * enough that one frame carries hundreds of messages, small enough that the owner gets them
 * while the sender makes more.
 */
const PRESSURE_CHARS = 64 * 1024;
/**
 * Longest a message is held (ms) while the socket could take it: the batching of a sender that
 * outruns its reader goes on while it sends, but a sender that slowed down (or does other work
 * between sends without yielding) still sends within this.
 */
const HOLD_MS = 0.25;

/** One-way operations: the messages a loop sends without ever yielding (puts). */
function isOneWay(message: unknown): boolean {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'prim-post' || (isLinkBatch(message) && message.messages.every(isOneWay));
}

function isLinkBatch(message: unknown): message is LinkBatchMessage {
  const batch = message as Partial<LinkBatchMessage> | null;
  return (
    typeof batch === 'object' &&
    batch !== null &&
    batch.type === 'link-batch' &&
    Array.isArray(batch.messages)
  );
}

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
  private readonly held = new HeldFrames();
  /**
   * Set once a send found the socket backed up, and kept while each frame of held messages is
   * followed by more one-way operations before it has left: a producer that outruns its reader
   * then pays one write per frame, not per put. Cleared when a frame leaves and nothing new is
   * held, or when anything else is sent while the kernel could take it.
   */
  private batching = false;
  /** When the oldest held message was held (performance.now() ms). */
  private heldSince = 0;
  private waitingForDrain = false;
  /** Resolves the promise {@link pressure} handed out, once the held messages have left. */
  private relieve: (() => void) | null = null;
  private relieved: Promise<void> | null = null;

  constructor(
    private readonly socket: Socket,
    onMessage: (message: unknown) => void,
  ) {
    const reader = new FrameReader(onMessage);
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
    socket.on('close', () => {
      this.closed = true;
      this.release();
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
    if (this.socket.writableLength > 0 || (this.batching && isOneWay(message))) {
      if (!this.open) return;
      this.batching = true;
      const first = this.held.size === 0;
      if (isLinkBatch(message) && message.messages.every(jsonExact)) {
        // Its messages are handled one by one anyway: held one by one, runs of puts may form.
        for (const inner of message.messages) this.held.add(inner);
      } else {
        this.hold(message);
      }
      if (first) {
        this.heldSince = performance.now();
      } else if (this.socket.writableLength === 0 && performance.now() - this.heldSince >= HOLD_MS) {
        // The kernel would take them now, and a sender that never yields never lets the drain
        // come: what was held long enough leaves at once.
        this.release();
        return;
      }
      this.releaseOnDrain();
      return;
    }
    // The kernel takes it now: anything but a one-way operation goes at once (a task's result
    // must not wait for the drain behind the worker's next task), after what is held.
    const frame = encodeFrame(message);
    this.batching = false;
    this.release();
    if (this.open) this.socket.write(frame);
  }

  /** Holds a message as JSON, or, when JSON would change it, writes it after what is held. */
  private hold(message: unknown): void {
    if (this.held.add(message)) return;
    const frame = encodeFrame(message);
    this.release();
    if (this.open) this.socket.write(frame);
  }

  /**
   * Null while little is held; else a promise resolved once the held messages have left. Held
   * messages leave only when the event loop runs (a socket write completes there), and a loop
   * of one-way puts that never waits never lets it run: without this, everything it put after
   * the kernel's buffer filled would leave at once at its end, and the owner would sit idle
   * until then instead of taking the items while more are made.
   */
  pressure(): Promise<void> | null {
    if (this.held.chars < PRESSURE_CHARS) return null;
    this.relieved ??= new Promise((resolve) => {
      this.relieve = resolve;
    });
    return this.relieved;
  }

  /** Writes the held messages as one frame. */
  private release(): void {
    if (this.relieve !== null) {
      this.relieve();
      this.relieve = null;
      this.relieved = null;
    }
    const frame = this.held.take();
    if (frame === null || !this.open) {
      this.batching = false;
      return;
    }
    this.socket.write(frame);
    // What is sent before this frame has left is held for the next one.
    this.releaseOnDrain();
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
  // This socket is the context's uplink: one-way puts wait while it is backed up.
  router.setUplinkPressure(() => channel.pressure());
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
