/**
 * The worker's side of the pool protocol, independent of how the worker was started: it reads
 * `ToWorker` messages from a {@link Transport}, imports task modules on first use, runs each
 * chunk's tasks in order and answers with one `chunk-done` per chunk. Trace events are born
 * here (`worker-spawn`, and the tasks' events: see task-recorder.ts) and leave in batches,
 * always before the `chunk-done` that carries the results they describe.
 */
import type { FromWorker, TaskFailure, TaskRef, ToWorker } from '../../shared/worker-protocol';
import type { Transport } from '../transport';
import { describeValue, serializeThrown } from './errors';
import { runTasks, runTasksTraced, type ChunkResults, type TaskFunction } from './run-tasks';
import { isCloneable } from './serialization';
import { TaskRecorder } from './task-recorder';
import { moduleImportUrl } from './task-ref';
import { nowUs } from './trace';
import { TraceBuffer } from './trace-buffer';

type RunMessage = Extract<ToWorker, { type: 'run' }>;

/** How the worker loop reaches the outside world (injectable so a thread backend can reuse it). */
export interface WorkerEnvironment {
  transport: Transport;
  pid: number;
  backend: 'process' | 'thread';
  /** Ends the worker (process.exit for a process). */
  exit(code: number): void;
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

/**
 * Results that structured clone cannot carry become failures of their tasks, so one bad result
 * fails its task instead of the whole chunk (or the worker). Returns the repaired reply.
 */
function repairUncloneable(
  values: unknown[],
  failures: TaskFailure[],
  detail: string,
): { values: unknown[]; failures: TaskFailure[] } {
  const failed = new Set(failures.map((f) => f.index));
  const repaired = [...failures];
  const kept = values.map((value, index) => {
    if (failed.has(index) || isCloneable(value)) return value;
    repaired.push({
      index,
      error: {
        code: 'workload-error',
        name: 'TypeError',
        message: `The task's result cannot be sent back to the pool: ${detail}`,
      },
    });
    return undefined;
  });
  return { values: kept, failures: repaired.sort((a, b) => a.index - b.index) };
}

/** Starts the worker loop on `env.transport`; returns once listening. */
export function runWorker(env: WorkerEnvironment): void {
  const { transport, pid } = env;
  const send = (message: FromWorker): void => transport.send(message);
  const loader = new TaskLoader();
  let workerId = -1;
  let recorder: TaskRecorder | null = null;
  let flushIntervalMs = 25;
  // Messages are handled strictly in order, one chunk at a time.
  let queue: Promise<void> = Promise.resolve();

  /** Sends chunk-done; if a result cannot be cloned, that task fails instead of the whole worker. */
  function sendDone(chunkId: number, { values, failures }: ChunkResults): void {
    try {
      send({ type: 'chunk-done', chunkId, values, failures });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      // A Float64Array always clones, so `values` is an array here.
      send({ type: 'chunk-done', chunkId, ...repairUncloneable(values as unknown[], failures, detail) });
    }
  }

  async function runChunk(msg: RunMessage): Promise<void> {
    const { args, chunkId } = msg;
    const spread = msg.spread === true;
    const rec = msg.trace ? recorder : null;
    if (rec && msg.trace) rec.begin({ ...msg.trace, start: msg.start, name: msg.task.name, args, spread });
    let fn: TaskFunction;
    try {
      fn = await loader.load(msg.task);
    } catch (error) {
      const data = serializeThrown(error, 'not-found');
      // Close every task on the timeline: each one failed at once, on this worker.
      rec?.chunkFailed(nowUs(), data.message);
      send({ type: 'chunk-failed', chunkId, error: data });
      return;
    }
    const inputs = { args, spread };
    let results: ChunkResults;
    if (rec === null) {
      results = await runTasks(fn, inputs);
    } else {
      // While a task awaits, the event loop is free: flush on a timer too.
      const timer = setInterval(() => rec.flush(nowUs()), flushIntervalMs);
      try {
        results = await runTasksTraced(fn, inputs, rec);
      } finally {
        clearInterval(timer);
      }
      rec.flush(nowUs());
    }
    sendDone(chunkId, results);
  }

  function handle(message: ToWorker): void {
    switch (message.type) {
      case 'init': {
        workerId = message.workerId;
        flushIntervalMs = message.flushIntervalMs;
        if (message.tracing) {
          const buffer = new TraceBuffer((events) => send({ type: 'trace', events }), {
            maxEvents: message.flushMaxEvents,
            intervalMs: message.flushIntervalMs,
          });
          recorder = new TaskRecorder(buffer, workerId, pid, message.batchBelowUs);
          const ts = nowUs();
          buffer.push({ type: 'worker-spawn', ts, workerId, pid, backend: env.backend });
          buffer.flush(ts);
        }
        send({ type: 'ready', workerId, pid });
        return;
      }
      case 'run':
        queue = queue.then(() => runChunk(message));
        return;
      case 'shutdown':
        queue = queue.then(() => {
          recorder?.flush(nowUs());
          env.exit(0);
        });
        return;
    }
  }

  transport.onMessage((message) => handle(message as ToWorker));
  // Never outlive the parent: a killed session must not leave idle workers behind.
  transport.onDisconnect(() => env.exit(0));
}
