/**
 * The pool's view of one worker, whatever carries it. The pool only sends `ToWorker` messages,
 * receives `FromWorker` messages and learns when the worker is gone; the process backend below
 * is one implementation, a worker_threads backend will be another.
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FromWorker, ToWorker } from '../../shared/worker-protocol';

/** A running worker as the pool sees it. */
export interface WorkerHandle {
  readonly workerId: number;
  /** OS process id (undefined if the process could not be started). */
  readonly pid: number | undefined;
  readonly backend: 'process' | 'thread';
  /** Sends a message; a send to a dying worker is dropped (its exit is reported instead). */
  send(message: ToWorker): void;
  /** Ends the worker now (SIGKILL for a process). Its exit is still reported. */
  kill(): void;
  /** Whether this worker keeps the caller's event loop alive (it should only while work is due). */
  setKeepAlive(keepAlive: boolean): void;
}

/** What the pool hears from a worker. */
export interface WorkerListener {
  onMessage(message: FromWorker): void;
  /** Called exactly once, after every message of the worker was delivered. */
  onExit(code: number | null, signal: string | null): void;
}

/** How to start the worker entry: its path, and Node flags it needs. */
export interface WorkerEntry {
  path: string;
  execArgv: string[];
}

/**
 * Finds `pool-worker` next to this module, with this module's own extension: `.ts` when running
 * from source (then forked with tsx's loader), `.js` when built. A computed path rather than
 * `new URL('./pool-worker', import.meta.url)`, which bundlers rewrite.
 */
export function resolveWorkerEntry(moduleUrl: string = import.meta.url): WorkerEntry {
  const self = fileURLToPath(moduleUrl);
  const ext = extname(self);
  const path = join(dirname(self), `pool-worker${ext}`);
  if (ext !== '.ts' && ext !== '.mts') return { path, execArgv: [] };
  const loader = createRequire(moduleUrl).resolve('tsx');
  return { path, execArgv: ['--import', pathToFileURL(loader).href] };
}

let cachedEntry: WorkerEntry | null = null;

/** Forks a worker process and sends it `init`. */
export function spawnProcessWorker(
  init: Extract<ToWorker, { type: 'init' }>,
  listener: WorkerListener,
): WorkerHandle {
  cachedEntry ??= resolveWorkerEntry();
  const child = fork(cachedEntry.path, [], {
    execArgv: cachedEntry.execArgv,
    serialization: 'advanced',
    // Workers print to the caller's terminal, as Python's do; they never read stdin.
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let exited = false;
  const exit = (code: number | null, signal: string | null): void => {
    if (exited) return;
    exited = true;
    listener.onExit(code, signal);
  };
  child.on('message', (message) => listener.onMessage(message as FromWorker));
  // 'close' (not 'exit') waits for the IPC channel to drain, so no result arrives after it.
  child.once('close', (code, signal) => exit(code, signal));
  child.on('error', () => {
    // A fork that never started gets no 'close'; other errors (a send to a dead channel) precede one.
    if (child.pid === undefined) exit(null, null);
  });
  if (child.connected) child.send(init);

  return {
    workerId: init.workerId,
    pid: child.pid,
    backend: 'process',
    send(message) {
      if (child.connected) child.send(message);
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    setKeepAlive(keepAlive) {
      if (keepAlive) {
        child.ref();
        child.channel?.ref();
      } else {
        child.unref();
        child.channel?.unref();
      }
    },
  };
}
