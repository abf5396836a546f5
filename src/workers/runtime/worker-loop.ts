/**
 * The worker's side of the pool protocol, independent of how the worker was started: it reads
 * `ToWorker` messages from a {@link Transport}, imports task modules on first use, runs each
 * chunk's tasks in order and answers with one `chunk-done` per chunk. Trace events are born
 * here (`worker-spawn`, and the tasks' events: see task-recorder.ts) and leave in batches,
 * always before the `chunk-done` that carries the results they describe.
 */
import { threadId } from 'node:worker_threads';
import type { FromWorker, RunMessage, TaskFailure, TaskRef, ToWorker } from '../../shared/worker-protocol';
import type { Transport } from '../transport';
import { beforeExit, fromParent, joinParent } from './context/links';
import { fromWire } from './context/wire';
import { serializeThrown } from './errors';
import { runTasks, runTasksTraced } from './run-tasks';
import type { ChunkResults, RunLimit, TaskFunction, TaskInputs } from './run-tasks';
import { WorkerOutbox } from './pool-outbox';
import { isCloneable } from './serialization';
import { TaskLoader } from './task-loader';
import { TaskRecorder } from './task-recorder';
import { nowUs } from './trace';
import { TraceBuffer } from './trace-buffer';

/** Chunks run back to back without a turn of the event loop for at most this long (µs). */
const YIELD_AFTER_US = 1000;

/** How the worker loop reaches the outside world (injectable so a thread backend can reuse it). */
export interface WorkerEnvironment {
  transport: Transport;
  pid: number;
  backend: 'process' | 'thread';
  /** Ends the worker (process.exit for a process). */
  exit(code: number): void;
}

/**
 * Results that structured clone cannot carry become failures of their tasks, so one bad result
 * fails its task instead of the whole chunk (or the worker). Returns the repaired reply.
 */
function repairUncloneable(
  values: unknown[],
  failures: TaskFailure[],
  detail: string,
  to: 'process' | 'thread',
): { values: unknown[]; failures: TaskFailure[] } {
  const failed = new Set(failures.map((f) => f.index));
  const repaired = [...failures];
  const kept = values.map((value, index) => {
    if (failed.has(index) || isCloneable(value, to)) return value;
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

/** The runtime's index, imported once: it registers a reviver for every kind of primitive. */
let revivers: Promise<unknown> | null = null;

/**
 * Revives primitives in wire form. The import is kept: a dynamic import per message costs a
 * resolve each time (about 130 µs once resolve hooks are registered, against 5 µs cached).
 */
async function revive<T>(value: T): Promise<T> {
  await (revivers ??= import('./index'));
  return fromWire(value);
}

/** Where an uncaught error of this context is reported: the latest worker loop's channel. */
let reportFatal: (error: unknown) => void = () => {};
let monitoring = false;

/** Starts the worker loop on `env.transport`; returns once listening. */
export function runWorker(env: WorkerEnvironment): void {
  const { transport, pid } = env;
  const outbox = new WorkerOutbox(transport, (done, error) => {
    const detail = error instanceof Error ? error.message : String(error);
    // A Float64Array always clones, so `values` is an array here.
    return { ...done, ...repairUncloneable(done.values as unknown[], done.failures, detail, env.backend) };
  });
  const send = (message: FromWorker): void => outbox.send(message);
  const post = (message: FromWorker): void => outbox.post(message);
  /** While set, trace batches wait for the next flush (they need not precede any task code). */
  let deferTrace = false;
  const loader = new TaskLoader();
  let workerId = -1;
  let recorder: TaskRecorder | null = null;
  let flushIntervalMs = 25;
  // Messages are handled strictly in order, one chunk at a time.
  let queue: Promise<void> = Promise.resolve();
  /** Chunks received and not started yet; those the pool then cancelled. */
  const waiting = new Set<number>();
  const cancelled = new Set<number>();
  /** How far each group of single-task calls received may go (pool-groups.ts), by chunk id. */
  const groupLimits = new Map<number, RunLimit>();
  let lastYieldUs = nowUs();

  async function runChunk(msg: RunMessage): Promise<void> {
    const { args, chunkId } = msg;
    // After a long stretch of work, let waiting messages in first: a cancel may be among them.
    if (nowUs() - lastYieldUs > YIELD_AFTER_US) {
      // The last chunk's results wait for this chunk's first message: one write, not two.
      outbox.hold();
      await new Promise<void>((resolve) => setImmediate(resolve));
      outbox.release();
      lastYieldUs = nowUs();
    }
    waiting.delete(chunkId);
    if (cancelled.delete(chunkId)) return;
    const spread = msg.spread === true;
    const rec = msg.trace ? recorder : null;
    const taskCalls = msg.taskCalls;
    if (rec && msg.trace) {
      rec.begin({ ...msg.trace, start: msg.start, name: msg.task.name, args, spread, taskCalls });
    }
    let fn: TaskFunction;
    let inputs: TaskInputs;
    try {
      fn = await loader.load(msg.task);
      inputs = { args: msg.wire ? await revive(args) : args, spread };
      const limit = groupLimits.get(chunkId);
      if (limit !== undefined) inputs.limit = limit;
    } catch (error) {
      groupLimits.delete(chunkId);
      const data = serializeThrown(error, 'not-found');
      // Close every task on the timeline: each one failed at once, on this worker.
      rec?.chunkFailed(nowUs(), data.message);
      post({ type: 'chunk-failed', chunkId, error: data });
      return;
    }
    let results: ChunkResults;
    const startUs = nowUs();
    if (rec === null) {
      // Task code may not yield for long: what is queued (earlier results) goes out first.
      outbox.flush();
      results = await runTasks(fn, inputs);
    } else {
      // A group sends no start at once (task-recorder.ts): what is queued goes out first.
      if (taskCalls !== undefined) outbox.flush();
      // While a task awaits, the event loop is free: flush on a timer too.
      const timer = setInterval(() => rec.flush(nowUs()), flushIntervalMs);
      try {
        results = await runTasksTraced(fn, inputs, rec);
      } finally {
        clearInterval(timer);
      }
      // The chunk's last events go with its results (a traced chunk's first start flushes all).
      deferTrace = true;
      rec.flush(nowUs());
      deferTrace = false;
    }
    groupLimits.delete(chunkId);
    const runUs = nowUs() - startUs;
    post({ type: 'chunk-done', chunkId, values: results.values, failures: results.failures, runUs });
  }

  /** Runs the pool's initializer; a failure is reported and leaves the worker idle until shutdown. */
  async function initialize(ref: TaskRef, initargs: unknown[], wire: boolean): Promise<void> {
    let fn: TaskFunction;
    try {
      fn = await loader.load(ref);
      if (wire) initargs = await revive(initargs);
    } catch (error) {
      send({ type: 'init-failed', workerId, pid, stage: 'load', error: serializeThrown(error, 'not-found') });
      return;
    }
    try {
      await fn(...initargs);
    } catch (error) {
      send({
        type: 'init-failed',
        workerId,
        pid,
        stage: 'run',
        error: serializeThrown(error, 'workload-error'),
      });
      return;
    }
    send({ type: 'ready', workerId, pid });
  }

  function handle(message: ToWorker): void {
    switch (message.type) {
      case 'init': {
        // Primitive operations of this worker's tasks (and their trace) go up to the pool.
        joinParent({ send: (m) => transport.send(m), tracing: message.tracing });
        workerId = message.workerId;
        flushIntervalMs = message.flushIntervalMs;
        if (message.tracing) {
          const buffer = new TraceBuffer((chunk) => (deferTrace ? post : send)({ type: 'trace', chunk }), {
            maxEvents: message.flushMaxEvents,
            intervalMs: message.flushIntervalMs,
          });
          recorder = new TaskRecorder(buffer, workerId, pid, message.batchBelowUs);
          const ts = nowUs();
          // A thread worker shares its pool's pid: its thread id tells its output and primitive events apart.
          const tid = env.backend === 'thread' ? { tid: threadId } : {};
          buffer.push({ type: 'worker-spawn', ts, workerId, pid, backend: env.backend, ...tid });
          buffer.flush(ts);
        }
        const { initializer, initargs = [] } = message;
        if (initializer === undefined) send({ type: 'ready', workerId, pid });
        else queue = queue.then(() => initialize(initializer, initargs, message.wire === true));
        return;
      }
      case 'run':
      case 'run-batch':
        for (const run of message.type === 'run' ? [message] : message.runs) {
          waiting.add(run.chunkId);
          if (run.taskCalls !== undefined) groupLimits.set(run.chunkId, { end: run.args.length, next: 0 });
          queue = queue.then(() => runChunk(run));
        }
        return;
      case 'cancel':
        // Answered at once: the chunk ahead may be waiting for the very chunk asked back.
        for (const chunkId of message.chunkIds) {
          const limit = groupLimits.get(chunkId);
          if (limit !== undefined) {
            // A group gives back its tasks not started: all but the first when it has not
            // started, else those after the task it awaits (maybe none).
            limit.end = Math.min(limit.end, waiting.has(chunkId) ? 1 : limit.next);
            send({ type: 'chunk-skipped', chunkId, from: limit.end });
          } else if (waiting.delete(chunkId)) {
            cancelled.add(chunkId);
            send({ type: 'chunk-skipped', chunkId });
          }
        }
        return;
      case 'shutdown':
        queue = queue.then(() => {
          recorder?.flush(nowUs());
          outbox.flush();
          beforeExit();
          env.exit(0);
        });
        return;
      default:
        fromParent(message);
    }
  }

  reportFatal = (error) => send({ type: 'fatal', error: serializeThrown(error, 'workload-error') });
  if (!monitoring) {
    monitoring = true;
    // A monitor changes nothing about the crash itself (the default handler still ends the worker);
    // the small IPC write goes out synchronously, ahead of the exit.
    process.on('uncaughtExceptionMonitor', (error) => {
      try {
        reportFatal(error);
      } catch {
        // The channel is gone: the exit alone will tell.
      }
    });
  }
  transport.onMessage((message) => handle(message as ToWorker));
  // Never outlive the parent: a killed session must not leave idle workers behind.
  transport.onDisconnect(() => env.exit(0));
}
