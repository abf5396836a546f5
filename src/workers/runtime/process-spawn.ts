/**
 * Starting the child of a `Process`, on either backend, behind one small handle: a forked Node
 * process (`process-child` entry) or a worker thread (`process-thread-child`). The handle
 * reports raw output chunks, messages, and one exit, after the child's last message and output.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { FRAME_FD, FrameSocket, frameForkOptions } from './context/frame-socket';
import type { OutputStream } from './process-output';
import { resolveWorkerEntry, type WorkerEntry } from './worker-handle';
import { threadEntryFor, type ThreadEntry } from './worker-handle-thread';

/** How a Process runs: a child process (`child_process.fork`) or a thread (`worker_threads`). */
export type ProcessBackend = 'process' | 'thread';

/** What the Process hears from its child. */
export interface ChildListener {
  onMessage(message: unknown): void;
  onOutput(stream: OutputStream, chunk: Uint8Array): void;
  /** Once: after every message and every byte of output (within a grace period, see below). */
  onExit(code: number | null, signal: string | null): void;
}

/** A running child. */
export interface ChildHandle {
  readonly pid: number;
  /** 0 for a process; the worker thread's id for a thread. */
  readonly threadId: number;
  /** The child context's address, `"<pid>.<threadId>"`. */
  readonly address: string;
  /** Sends a message; throws when it cannot be cloned; dropped once the child is gone. */
  send(message: unknown): void;
  /** Ends the child: the signal for a process; `worker.terminate()` for a thread (both signals). */
  signal(signal: 'SIGTERM' | 'SIGKILL'): void;
  /** Whether the child keeps this context's event loop alive (a daemon does only while awaited). */
  setKeepAlive(keepAlive: boolean): void;
}

/**
 * After the child exited, how long its output may keep flowing. A pipe stays open while any
 * process holds it (a pool worker of the child inherits it), so "all output" is bounded by this.
 */
const OUTPUT_GRACE_MS = 500;

/**
 * Calls `done` once the child exited and each of its `channels` (output streams, IPC channel)
 * closed, or the grace period after the exit passed. Returns the two things to report.
 */
function exitTracker(
  channels: number,
  done: (code: number | null, signal: string | null) => void,
): { closed: () => void; exited: (code: number | null, signal: string | null) => void } {
  let open = channels;
  let exit: [number | null, string | null] | null = null;
  let finished = false;
  const finish = (): void => {
    if (finished || exit === null) return;
    finished = true;
    done(exit[0], exit[1]);
  };
  return {
    closed: () => {
      open--;
      if (open === 0) finish();
    },
    exited: (code, signal) => {
      if (exit !== null) return;
      exit = [code, signal];
      if (open === 0) finish();
      else setTimeout(finish, OUTPUT_GRACE_MS).unref();
    },
  };
}

function captureOutput(
  listener: ChildListener,
  stream: Readable,
  name: OutputStream,
  closed: () => void,
): void {
  stream.on('data', (chunk: Uint8Array) => listener.onOutput(name, chunk));
  // 'close' rather than 'end': it also comes when the stream fails.
  stream.once('close', closed);
}

let processEntry: WorkerEntry | null = null;

function spawnProcess(listener: ChildListener): ChildHandle {
  processEntry ??= resolveWorkerEntry(import.meta.url, 'process-child');
  const child: ChildProcess = fork(processEntry.path, [], {
    execArgv: processEntry.execArgv,
    // stdin from nowhere, as Python's children; stdout/stderr captured and written through.
    // Messages go through the frame socket (context/frame-socket.ts), not Node's IPC.
    ...frameForkOptions('pipe', 'pipe'),
  });
  if (child.pid === undefined) {
    child.on('error', () => undefined);
    throw new Error('could not start the child process (fork failed)');
  }
  const stdout = child.stdout!;
  const stderr = child.stderr!;
  const stream = child.stdio[FRAME_FD] as Socket;
  // Messages can still arrive after 'exit': the exit waits for the frame socket to close too.
  const tracker = exitTracker(3, (code, signal) => listener.onExit(code, signal));
  captureOutput(listener, stdout, 'stdout', tracker.closed);
  captureOutput(listener, stderr, 'stderr', tracker.closed);
  const channel = new FrameSocket(stream, (message) => listener.onMessage(message));
  channel.onClose(tracker.closed);
  // A send racing the child's death fails asynchronously; its exit is reported instead.
  child.on('error', () => undefined);
  child.once('exit', (code, signal) => tracker.exited(code, signal));
  const pid = child.pid;
  return {
    pid,
    threadId: 0,
    address: `${pid}.0`,
    send(message) {
      channel.send(message);
    },
    signal(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    setKeepAlive(keepAlive) {
      const how = keepAlive ? 'ref' : 'unref';
      child[how]();
      child.channel?.[how]();
      channel.setKeepAlive(keepAlive);
      (stdout as Readable & Partial<Record<typeof how, () => void>>)[how]?.();
      (stderr as Readable & Partial<Record<typeof how, () => void>>)[how]?.();
    },
  };
}

let threadEntry: ThreadEntry | null = null;

/**
 * Reading a Worker's captured stdout/stderr refs the thread's internal port until the stream
 * ends, so a daemon thread whose output is read would keep its parent alive however unref'd.
 * Node marks such streams with a private symbol; clearing it leaves liveness to the Worker's
 * own ref()/unref(). (Where the symbol is missing, a daemon thread keeps its parent alive.)
 */
function readWithoutRef(stream: Readable): void {
  const marker = Object.getOwnPropertySymbols(stream).find((s) => s.description === 'kIncrementsPortRef');
  if (marker !== undefined) (stream as unknown as Record<symbol, unknown>)[marker] = false;
}

function spawnThread(listener: ChildListener, daemon: boolean): ChildHandle {
  threadEntry ??= threadEntryFor(
    resolveWorkerEntry(import.meta.url, 'process-thread-child'),
    import.meta.url,
  );
  const worker = new Worker(threadEntry.filename, { eval: threadEntry.eval, stdout: true, stderr: true });
  if (daemon) {
    readWithoutRef(worker.stdout);
    readWithoutRef(worker.stderr);
  }
  let gone = false;
  const tracker = exitTracker(2, (code, signal) => listener.onExit(code, signal));
  captureOutput(listener, worker.stdout, 'stdout', tracker.closed);
  captureOutput(listener, worker.stderr, 'stderr', tracker.closed);
  worker.on('message', (message) => listener.onMessage(message));
  // Only what escapes the child's own handlers (its bootstrap failing): the exit code says it.
  worker.on('error', (error) =>
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`),
  );
  // Node delivers every message the thread posted before 'exit'.
  worker.once('exit', (code) => {
    gone = true;
    tracker.exited(code, null);
  });
  const threadId = worker.threadId;
  return {
    pid: process.pid,
    threadId,
    address: `${process.pid}.${threadId}`,
    send(message) {
      if (!gone) worker.postMessage(message);
    },
    signal() {
      // A thread has no signals: terminate() stops even a busy loop. The caller reports the signal.
      if (!gone) void worker.terminate();
    },
    setKeepAlive(keepAlive) {
      if (keepAlive) worker.ref();
      else worker.unref();
    },
  };
}

/** Starts a child on `backend`. Throws when it cannot be started at all. */
export function spawnChild(backend: ProcessBackend, listener: ChildListener, daemon: boolean): ChildHandle {
  return backend === 'thread' ? spawnThread(listener, daemon) : spawnProcess(listener);
}
