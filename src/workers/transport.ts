/**
 * The worker side of a parent/worker channel, whichever way the worker was started: Node's
 * `child_process.fork` (`process.send` / `process.on('message')`), Electron's
 * `utilityProcess.fork` (`process.parentPort`, whose messages arrive wrapped as `{ data }`), or
 * a worker thread (`parentPort` of `node:worker_threads`). Detected at run time, without
 * importing electron, so one worker loop runs under all three.
 */
import * as workerThreads from 'node:worker_threads';

/** What a worker needs from its channel to the parent. */
export interface Transport {
  readonly kind: 'node-ipc' | 'parent-port' | 'worker-thread';
  /** Sends one message (structured clone); throws if the message cannot be cloned. */
  send(message: unknown): void;
  /** Calls `listener` with every message from the parent, unwrapped. */
  onMessage(listener: (message: unknown) => void): void;
  /** Calls `listener` once the parent is gone (never, where the channel cannot tell). */
  onDisconnect(listener: () => void): void;
}

/** The subset of Electron's `parentPort` the transport uses. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/** The subset of Node's `process` the IPC transport uses. */
export interface IpcProcessLike {
  send?: (message: unknown) => boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'disconnect', listener: () => void): unknown;
}

/** The subset of a worker thread's `parentPort` (a `MessagePort`) the transport uses. */
export interface WorkerPortLike {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
}

/** The subset of `node:worker_threads` that tells a worker thread from a main thread. */
export interface ThreadInfo {
  isMainThread: boolean;
  parentPort: WorkerPortLike | null;
}

/** Transport over Electron's `process.parentPort` (utilityProcess). */
export function parentPortTransport(port: ParentPortLike): Transport {
  return {
    kind: 'parent-port',
    send: (message) => port.postMessage(message),
    onMessage: (listener) => {
      port.on('message', (event) => listener(event.data));
    },
    // A utility process is ended by Electron together with its parent; no event to wait for.
    onDisconnect: () => {},
  };
}

/** Transport over Node's IPC channel (`child_process.fork`). */
export function ipcTransport(proc: IpcProcessLike): Transport {
  const send = proc.send;
  if (send === undefined) {
    throw new Error('No IPC channel: this worker must be started by a Pool (child_process.fork)');
  }
  return {
    kind: 'node-ipc',
    send: (message) => {
      send.call(proc, message);
    },
    onMessage: (listener) => {
      proc.on('message', listener);
    },
    onDisconnect: (listener) => {
      proc.once('disconnect', listener);
    },
  };
}

/** Transport over a worker thread's `parentPort`; messages arrive unwrapped. */
export function workerPortTransport(port: WorkerPortLike): Transport {
  return {
    kind: 'worker-thread',
    send: (message) => port.postMessage(message),
    onMessage: (listener) => {
      port.on('message', listener);
    },
    // The port closes when the Worker object on the other side is gone (its thread ended).
    onDisconnect: (listener) => {
      port.once('close', listener);
    },
  };
}

/**
 * Picks the transport of the current context: a worker thread's `parentPort` first (inside a
 * thread, `process` may still show the channels of the process around it, which are not ours),
 * then Electron's `process.parentPort`, else Node IPC.
 */
export function detectTransport(
  proc: IpcProcessLike & { parentPort?: ParentPortLike } = process,
  thread: ThreadInfo = workerThreads,
): Transport {
  if (!thread.isMainThread && thread.parentPort) return workerPortTransport(thread.parentPort);
  return proc.parentPort ? parentPortTransport(proc.parentPort) : ipcTransport(proc);
}
