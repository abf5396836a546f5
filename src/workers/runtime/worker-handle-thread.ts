/** The thread backend of {@link WorkerHandle}: a worker_threads `Worker` running `pool-thread-worker`. */
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { FromWorker, ToWorker } from '../../shared/worker-protocol';
import { recordOutput } from './process-output';
import { tsxApiUrls } from './self-resolve';
import { nowUs } from './trace';
import type { SpawnOptions, WorkerEntry, WorkerHandle, WorkerListener } from './worker-handle';

/** What to pass to `new Worker`: a file to run, or (from source) a bootstrap to evaluate. */
export interface ThreadEntry {
  filename: string;
  eval: boolean;
}

/**
 * How to start the thread entry `entry` (found as for a process, from `moduleUrl`). Built
 * (`.js`, no loader needed), the thread runs it directly. From source (`.ts`), `--import tsx`
 * cannot help: Node 20 does not pass a parent's module hooks on to worker threads, and tsx's
 * `--import` entry registers its hooks only on a main thread. So the thread first registers
 * tsx through its API (ESM hooks for `import`, CJS hooks for `require`, as `--import tsx`
 * does in a process), then imports the entry.
 */
export function threadEntryFor(entry: WorkerEntry, moduleUrl: string): ThreadEntry {
  if (entry.execArgv.length === 0) return { filename: entry.path, eval: false };
  const urls = tsxApiUrls(moduleUrl);
  const esm = JSON.stringify(urls.esm);
  const cjs = JSON.stringify(urls.cjs);
  const main = JSON.stringify(pathToFileURL(entry.path).href);
  // No catch: a failed import is an uncaught rejection, which ends the thread with an 'error'.
  const filename =
    `Promise.all([import(${esm}), import(${cjs})])` +
    `.then(([esm, cjs]) => { esm.register(); cjs.register(); return import(${main}); });`;
  return { filename, eval: true };
}

/** Describes what a thread threw (anything can be thrown), for the exit report. */
function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : `${error.name}: ${error.message}`;
  }
  return `uncaught ${typeof error === 'string' ? JSON.stringify(error) : String(error)}`;
}

/** Starts a worker thread running `entry` and sends it `init`. */
export function spawnThreadWorker(
  entry: ThreadEntry,
  init: Extract<ToWorker, { type: 'init' }>,
  listener: WorkerListener,
  options: SpawnOptions = {},
): WorkerHandle {
  let exited = false;
  let reason: string | undefined;
  let failed = false;
  let killed = false;
  const exit = (code: number | null): void => {
    if (exited) return;
    exited = true;
    // A thread has no signals: one the pool ended reports SIGKILL, as a process worker it kills
    // does (Process children on threads emulate signals the same way).
    if (killed) return listener.onExit(null, 'SIGKILL', reason);
    // A thread that dies of its heap limit at start-up exits with 0: never report that as success.
    listener.onExit(failed && code === 0 ? 1 : code, null, reason);
  };
  // Like a forked worker, a thread gets only the flags it needs, not the caller's (`--import tsx`
  // among them, which would register tsx twice where Node passes hooks on to threads).
  const workerOptions: WorkerOptions = { eval: entry.eval, execArgv: [] };
  const heapMb = options.resourceLimits?.maxOldGenerationSizeMb;
  if (heapMb !== undefined) workerOptions.resourceLimits = { maxOldGenerationSizeMb: heapMb };
  // Threads print to the caller's terminal, as process workers do (Node pipes them into this
  // process's own). While the pool traces, their output is captured, written through unchanged
  // and recorded line by line, with the thread as actor.
  const capture = init.tracing;
  if (capture) {
    workerOptions.stdout = true;
    workerOptions.stderr = true;
  }
  let worker: Worker;
  try {
    worker = new Worker(entry.filename, workerOptions);
  } catch (error) {
    // Never started (bad options, no resources): reported like a fork that failed, asynchronously.
    reason = describeError(error);
    queueMicrotask(() => exit(null));
    return deadHandle(init.workerId);
  }
  if (capture) {
    const tid = worker.threadId;
    recordOutput(worker, (stream, line) =>
      listener.onOutput?.({ type: 'output', ts: nowUs(), pid: process.pid, tid, stream, line }),
    );
  }
  worker.on('message', (message) => listener.onMessage(message as FromWorker));
  // 'error' (uncaught exception, out of memory) always precedes 'exit'; keep it as the reason.
  worker.on('error', (error) => {
    failed = true;
    reason ??= describeError(error);
  });
  // Node delivers every message the thread posted before emitting 'exit'.
  worker.once('exit', (code) => exit(code));
  worker.postMessage(init);

  return {
    workerId: init.workerId,
    pid: process.pid,
    threadId: worker.threadId,
    backend: 'thread',
    send(message) {
      if (!exited) worker.postMessage(message);
    },
    kill() {
      if (exited) return;
      reason ??= 'terminated';
      killed = true;
      // terminate() stops even a busy synchronous loop; 'exit' follows (with code 1).
      void worker.terminate();
    },
    setKeepAlive(keepAlive) {
      if (keepAlive) worker.ref();
      else worker.unref();
    },
  };
}

/** The handle of a thread that never started (threadId -1): its exit is already on its way. */
function deadHandle(workerId: number): WorkerHandle {
  return {
    workerId,
    pid: process.pid,
    threadId: -1,
    backend: 'thread',
    send: () => undefined,
    kill: () => undefined,
    setKeepAlive: () => undefined,
  };
}
