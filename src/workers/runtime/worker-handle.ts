/**
 * The pool's view of one worker, whatever carries it. The pool only sends `ToWorker` messages,
 * receives `FromWorker` messages and learns when the worker is gone. Two backends implement it:
 * a forked process (below) and a worker thread (worker-handle-thread.ts); `spawnWorker` picks.
 */
import { fork } from 'node:child_process';
import type { Socket } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FromWorker, ToWorker } from '../../shared/worker-protocol';
import type { OutputEvent } from '../../shared/trace-schema';
import { nowUs } from './trace';
import { recordOutput } from './process-output';
import { FRAME_FD, FrameSocket, frameForkOptions } from './context/frame-socket';
import { spawnThreadWorker, threadEntryFor, type ThreadEntry } from './worker-handle-thread';

export type { ThreadEntry } from './worker-handle-thread';

/** A running worker as the pool sees it. */
export interface WorkerHandle {
  readonly workerId: number;
  /** OS process id (undefined if the process could not be started); the caller's own for a thread. */
  readonly pid: number | undefined;
  /** The worker's `threadId`: 0 (a main thread) for a process, the thread's id for a thread. */
  readonly threadId: number;
  readonly backend: 'process' | 'thread';
  /** Sends a message; a send to a dying worker is dropped (its exit is reported instead). */
  send(message: ToWorker): void;
  /** Ends the worker now (SIGKILL for a process, `terminate()` for a thread). Its exit is still reported. */
  kill(): void;
  /** Whether this worker keeps the caller's event loop alive (it should only while work is due). */
  setKeepAlive(keepAlive: boolean): void;
}

/** What the pool hears from a worker. */
export interface WorkerListener {
  onMessage(message: FromWorker): void;
  /**
   * Called exactly once, after every message of the worker was delivered. `reason` says why
   * where the code cannot: a thread that threw uncaught, ran out of memory, was terminated.
   */
  onExit(code: number | null, signal: string | null, reason?: string): void;
  /** A line the worker wrote, while its output is captured (a traced process worker). */
  onOutput?(event: OutputEvent): void;
}

/** How to start a worker, beyond its protocol. */
export interface SpawnOptions {
  /**
   * Heap limits: a thread's `Worker` `resourceLimits`; for a process, `maxOldGenerationSizeMb`
   * becomes `--max-old-space-size`.
   */
  resourceLimits?: { maxOldGenerationSizeMb?: number };
}

/** How to start a worker entry: its path, and Node flags it needs. */
export interface WorkerEntry {
  path: string;
  execArgv: string[];
}

/**
 * Finds the entry `name` (default `pool-worker`) next to this module, with this module's own
 * extension: `.ts` when running from source (then started with tsx's loader), `.js` when
 * built. A computed path rather than `new URL('./pool-worker', import.meta.url)`, which
 * bundlers rewrite.
 */
export function resolveWorkerEntry(moduleUrl: string = import.meta.url, name = 'pool-worker'): WorkerEntry {
  const self = fileURLToPath(moduleUrl);
  const ext = extname(self);
  const path = join(dirname(self), `${name}${ext}`);
  if (ext !== '.ts' && ext !== '.mts') return { path, execArgv: [] };
  const loader = createRequire(moduleUrl).resolve('tsx');
  return { path, execArgv: ['--import', pathToFileURL(loader).href] };
}

/** Finds `pool-thread-worker` next to this module: what a worker thread is started with. */
export function resolveThreadEntry(moduleUrl: string = import.meta.url): ThreadEntry {
  return threadEntryFor(resolveWorkerEntry(moduleUrl, 'pool-thread-worker'), moduleUrl);
}

let processEntry: WorkerEntry | null = null;
let threadEntry: ThreadEntry | null = null;

/** Starts a worker on `backend` (a forked process or a worker thread) and sends it `init`. */
export function spawnWorker(
  backend: 'process' | 'thread',
  init: Extract<ToWorker, { type: 'init' }>,
  listener: WorkerListener,
  options?: SpawnOptions,
): WorkerHandle {
  if (backend === 'process') return spawnProcessWorker(init, listener, options);
  threadEntry ??= resolveThreadEntry();
  return spawnThreadWorker(threadEntry, init, listener, options);
}

/** Forks a worker process and sends it `init`. */
export function spawnProcessWorker(
  init: Extract<ToWorker, { type: 'init' }>,
  listener: WorkerListener,
  options: SpawnOptions = {},
): WorkerHandle {
  processEntry ??= resolveWorkerEntry();
  const execArgv = [...processEntry.execArgv];
  const heapMb = options.resourceLimits?.maxOldGenerationSizeMb;
  if (heapMb !== undefined) execArgv.push(`--max-old-space-size=${heapMb}`);
  // Workers print to the caller's terminal, as Python's do; they never read stdin. While the
  // pool traces, their output is captured, written through unchanged and recorded line by line.
  const capture = init.tracing;
  // Every message goes through the frame socket (context/frame-socket.ts), not Node's IPC.
  const child = fork(processEntry.path, [], {
    execArgv,
    ...frameForkOptions(capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'),
  });
  const pid = child.pid;
  if (capture && pid !== undefined) {
    recordOutput(child, (stream, line) =>
      listener.onOutput?.({ type: 'output', ts: nowUs(), pid, tid: 0, stream, line }),
    );
  }
  let exited = false;
  const exit = (code: number | null, signal: string | null): void => {
    if (exited) return;
    exited = true;
    listener.onExit(code, signal);
  };
  const stream = child.stdio[FRAME_FD] as Socket | null | undefined;
  const channel =
    child.pid === undefined || !stream
      ? null
      : new FrameSocket(stream, (message) => listener.onMessage(message as FromWorker));
  // 'close' (not 'exit') waits for every stdio stream, the frame socket included, to end: no
  // result arrives after it.
  child.once('close', (code, signal) => exit(code, signal));
  child.on('error', () => {
    // A fork that never started gets no 'close'; other errors (a send to a dead channel) precede one.
    if (child.pid === undefined) exit(null, null);
  });
  channel?.send(init);

  return {
    workerId: init.workerId,
    pid: child.pid,
    threadId: 0,
    backend: 'process',
    send(message) {
      channel?.send(message);
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    setKeepAlive(keepAlive) {
      // Captured output streams hold the loop too: they follow the child.
      const streams = [child.stdout, child.stderr, stream] as (Partial<Socket> | null | undefined)[];
      if (keepAlive) {
        child.ref();
        child.channel?.ref();
        for (const stream of streams) stream?.ref?.();
      } else {
        child.unref();
        child.channel?.unref();
        for (const stream of streams) stream?.unref?.();
      }
    },
  };
}
