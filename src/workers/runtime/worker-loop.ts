/**
 * The worker's side of the pool protocol, independent of how the worker was started: it reads
 * `ToWorker` messages from a {@link Transport}, imports task modules on first use, runs each
 * chunk's calls in order and answers with one `chunk-done` per chunk. Trace events are born
 * here (`worker-spawn`, `task-start`, `task-end`) and leave in batches, always before the
 * `chunk-done` that carries the results they describe.
 */
import type { TaskStartEvent } from '../../shared/trace-schema';
import type { FromWorker, TaskOutcome, TaskRef, ToWorker } from '../../shared/worker-protocol';
import type { Transport } from '../transport';
import { describeValue, serializeThrown } from './errors';
import { isCloneable } from './serialization';
import { moduleImportUrl } from './task-ref';
import { nowUs } from './trace';
import { TraceBuffer } from './trace-buffer';

type TaskFunction = (...args: unknown[]) => unknown;
type RunMessage = Extract<ToWorker, { type: 'run' }>;

/** How the worker loop reaches the outside world (injectable so a thread backend can reuse it). */
export interface WorkerEnvironment {
  transport: Transport;
  pid: number;
  backend: 'process' | 'thread';
  /** Ends the worker (process.exit for a process). */
  exit(code: number): void;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Loads and caches task modules; a failed import is not cached so a fixed module can load later. */
class TaskLoader {
  private readonly modules = new Map<string, Promise<Record<string, unknown>>>();

  async load(ref: TaskRef): Promise<TaskFunction> {
    const url = moduleImportUrl(ref.module);
    let loading = this.modules.get(url);
    if (loading === undefined) {
      loading = import(url) as Promise<Record<string, unknown>>;
      this.modules.set(url, loading);
      loading.catch(() => this.modules.delete(url));
    }
    const ns = await loading;
    // CommonJS modules whose exports the loader cannot see statically still expose them on `default`.
    let fn = ns[ref.name];
    if (fn === undefined && typeof ns.default === 'object' && ns.default !== null) {
      fn = (ns.default as Record<string, unknown>)[ref.name];
    }
    if (fn === undefined) throw new TypeError(`the module has no export named "${ref.name}"`);
    if (typeof fn !== 'function')
      throw new TypeError(`export "${ref.name}" is not a function (got ${describeValue(fn)})`);
    return fn as TaskFunction;
  }
}

/** Starts the worker loop on `env.transport`; returns once listening. */
export function runWorker(env: WorkerEnvironment): void {
  const { transport, pid } = env;
  const send = (message: FromWorker): void => transport.send(message);
  const loader = new TaskLoader();
  let workerId = -1;
  let trace: TraceBuffer | null = null;
  let flushIntervalMs = 25;
  // Messages are handled strictly in order, one chunk at a time.
  let queue: Promise<void> = Promise.resolve();

  /** Sends chunk-done; if a result cannot be cloned, that task fails instead of the whole worker. */
  function sendDone(chunkId: number, outcomes: TaskOutcome[]): void {
    try {
      send({ type: 'chunk-done', chunkId, outcomes });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const repaired = outcomes.map((o): TaskOutcome =>
        o.ok && !isCloneable(o.value)
          ? {
              ok: false,
              error: {
                code: 'workload-error',
                name: 'TypeError',
                message: `The task's result cannot be sent back to the pool: ${detail}`,
              },
            }
          : o,
      );
      send({ type: 'chunk-done', chunkId, outcomes: repaired });
    }
  }

  async function runChunk(msg: RunMessage): Promise<void> {
    const { calls, taskIds, chunkId } = msg;
    let fn: TaskFunction;
    try {
      fn = await loader.load(msg.task);
    } catch (error) {
      const data = serializeThrown(error, 'not-found');
      if (trace) {
        // Close every task on the timeline: each one failed at once, on this worker.
        for (const taskId of taskIds) {
          const ts = nowUs();
          trace.push({ type: 'task-start', ts, taskId, workerId, pid });
          trace.push({ type: 'task-end', ts, taskId, workerId, pid, ok: false, error: data.message });
        }
        trace.flush(nowUs());
      }
      send({ type: 'chunk-failed', chunkId, error: data });
      return;
    }
    const outcomes: TaskOutcome[] = new Array<TaskOutcome>(calls.length);
    // While a task awaits, the event loop is free: flush on a timer too.
    const timer = trace ? setInterval(() => trace?.flush(nowUs()), flushIntervalMs) : null;
    try {
      for (let i = 0; i < calls.length; i++) {
        let start: TaskStartEvent | null = null;
        if (trace) {
          start = { type: 'task-start', ts: nowUs(), taskId: taskIds[i] ?? '', workerId, pid };
          trace.push(start);
          // A synchronous task cannot flush while it runs: send the chunk's first start at once, so
          // a long task shows as running (later starts rely on the size and interval rules).
          if (i === 0) trace.flush(start.ts);
        }
        try {
          let value = fn(...(calls[i] ?? []));
          if (isThenable(value)) value = await value;
          outcomes[i] = { ok: true, value };
          if (trace && start) trace.push({ ...start, type: 'task-end', ts: nowUs(), ok: true });
        } catch (error) {
          const data = serializeThrown(error, 'workload-error');
          outcomes[i] = { ok: false, error: data };
          if (trace && start) {
            trace.push({ ...start, type: 'task-end', ts: nowUs(), ok: false, error: data.message });
          }
        }
      }
    } finally {
      if (timer) clearInterval(timer);
    }
    trace?.flush(nowUs());
    sendDone(chunkId, outcomes);
  }

  function handle(message: ToWorker): void {
    switch (message.type) {
      case 'init': {
        workerId = message.workerId;
        flushIntervalMs = message.flushIntervalMs;
        if (message.tracing) {
          trace = new TraceBuffer((events) => send({ type: 'trace', events }), {
            maxEvents: message.flushMaxEvents,
            intervalMs: message.flushIntervalMs,
          });
          const ts = nowUs();
          trace.push({ type: 'worker-spawn', ts, workerId, pid, backend: env.backend });
          trace.flush(ts);
        }
        send({ type: 'ready', workerId, pid });
        return;
      }
      case 'run':
        queue = queue.then(() => runChunk(message));
        return;
      case 'shutdown':
        queue = queue.then(() => {
          trace?.flush(nowUs());
          env.exit(0);
        });
        return;
    }
  }

  transport.onMessage((message) => handle(message as ToWorker));
  // Never outlive the parent: a killed session must not leave idle workers behind.
  transport.onDisconnect(() => env.exit(0));
}
