/**
 * `Pool`: Python's `multiprocessing.Pool` for Node. A call is split into chunks (many tasks per
 * message); chunks wait in one FIFO and go to idle workers; each chunk in flight is registered
 * by its id until its worker answers or dies. Workers start lazily, all at once, on the first
 * call, and are replaced when they die. The pool records `worker-exit`, and `task-submit` for
 * calls small enough to trace task by task; the workers record the rest (see worker-loop.ts
 * and task-recorder.ts) and the pool forwards their batches as they are.
 */
import type { TraceEvent } from '../../shared/trace-schema';
import type { FromWorker } from '../../shared/worker-protocol';
import {
  newCallId,
  recordResults,
  runMessage,
  splitIntoChunks,
  submitEvents,
  type Chunk,
  type PendingCall,
} from './calls';
import {
  PoolStateError,
  PoolTerminatedError,
  TaskLoadError,
  WorkerDiedError,
  poolNotRunning,
} from './errors';
import { Fifo } from './fifo';
import {
  defaultChunksize,
  resolvePoolOptions,
  toItemArray,
  validateChunksize,
  type PoolOptions,
} from './options';
import { inspectItems } from './serialization';
import { validateTaskRef, type TaskRef } from './task-ref';
import {
  TRACE_BATCH_BELOW_US,
  TRACE_DETAILED_TASKS,
  TRACE_FLUSH_INTERVAL_MS,
  TRACE_FLUSH_MAX_EVENTS,
  getTraceSink,
  nowUs,
  type TraceSink,
} from './trace';
import { spawnProcessWorker, type WorkerHandle } from './worker-handle';

interface WorkerSlot {
  readonly handle: WorkerHandle;
  ready: boolean;
  /** Chunks sent to this worker and not answered yet. */
  inFlight: number;
  /** Told to shut down, so its exit is expected. */
  retiring: boolean;
}

/**
 * Chunks a worker holds at once. One keeps dispatch simple and the load balanced: a chunk
 * waiting on a busy worker cannot move to an idle one (with two, the first worker to start
 * took both chunks of a two-task map). Two would hide the round trip between chunks, but with
 * numbers sent as Float64Array blocks that gap is small (a 1e6-item map on 2 cores: 48 ms
 * with one, 41 ms with two, in one run on a noisy machine).
 */
const MAX_IN_FLIGHT_PER_WORKER = 1;

/** A pool of worker processes running exported functions over many inputs. */
export class Pool {
  /** Number of workers the pool keeps. */
  readonly processes: number;
  readonly backend: 'process';
  /** Whether this pool records trace events. */
  readonly tracing: boolean;
  private readonly onTrace: TraceSink | null;
  private state: 'running' | 'closed' | 'terminated' = 'running';
  private readonly workers = new Map<number, WorkerSlot>();
  private readonly queue = new Fifo<Chunk>();
  /** Registry of chunks in flight: chunk id → the chunk and the worker holding it. */
  private readonly inFlight = new Map<number, { chunk: Chunk; workerId: number }>();
  private readonly calls = new Set<PendingCall>();
  private exitWaiters: (() => void)[] = [];
  private nextWorkerId = 0;
  private nextChunkId = 0;

  /** Throws TypeError/RangeError naming a bad option. Starts no process (that waits for work). */
  constructor(options?: PoolOptions) {
    const resolved = resolvePoolOptions(options);
    this.processes = resolved.processes;
    this.backend = resolved.backend;
    this.tracing = resolved.tracing;
    this.onTrace = resolved.onTrace;
  }

  /** Process ids of the live workers (starting, working or shutting down). */
  get pids(): number[] {
    const pids: number[] = [];
    for (const slot of this.workers.values()) if (slot.handle.pid !== undefined) pids.push(slot.handle.pid);
    return pids;
  }

  /**
   * Calls `task` once per item, in parallel, and resolves with the results in input order.
   * `chunksize` (items per message) defaults to Python's `ceil(len / (processes * 4))`.
   * Rejects with RemoteTaskError when a task throws, TaskLoadError when the task cannot be
   * loaded, WorkerDiedError when a worker dies under it; TypeError/RangeError for bad arguments
   * (before anything runs); PoolStateError after close()/terminate().
   */
  async map<T, R>(task: TaskRef, items: Iterable<T>, chunksize?: number): Promise<R[]> {
    if (this.state !== 'running') throw poolNotRunning('map', this.state);
    const ref = validateTaskRef(task, 'task');
    const list = toItemArray(items);
    const size =
      chunksize === undefined ? defaultChunksize(list.length, this.processes) : validateChunksize(chunksize);
    if (list.length === 0) return [];
    const numbers = inspectItems(list) === 'numbers';
    return (await this.submit(ref, list, size, { spread: false, numbers })) as R[];
  }

  /** Stops accepting work; queued work still runs, then the workers exit. Idempotent. */
  close(): void {
    if (this.state !== 'running') return;
    this.state = 'closed';
    this.updateKeepAlive();
    this.dispatch();
    this.notifyIfExited();
  }

  /** Resolves once every worker has exited. Only after close() or terminate(), as in Python. */
  join(): Promise<void> {
    if (this.state === 'running') {
      return Promise.reject(new PoolStateError('join() called before close() or terminate()'));
    }
    return this.whenExited();
  }

  /** Kills every worker now; pending calls reject with PoolTerminatedError. Resolves once they are gone. */
  terminate(): Promise<void> {
    if (this.state !== 'terminated') {
      this.state = 'terminated';
      for (const call of [...this.calls]) this.settle(call, new PoolTerminatedError());
      this.queue.clear();
      this.inFlight.clear();
      for (const slot of this.workers.values()) slot.handle.kill();
      this.updateKeepAlive();
    }
    return this.whenExited();
  }

  /** `await using pool = new Pool()` terminates the pool at the end of the block, like Python's `with`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.terminate();
  }

  private submit(
    task: TaskRef,
    items: readonly unknown[],
    size: number,
    form: { spread: boolean; numbers: boolean },
  ): Promise<unknown[]> {
    return new Promise<unknown[]>((resolve, reject) => {
      const call: PendingCall = {
        callId: newCallId(),
        task,
        submitTs: this.tracing ? nowUs() : 0,
        detailed: this.tracing && items.length <= TRACE_DETAILED_TASKS,
        results: new Array<unknown>(items.length),
        remaining: items.length,
        settled: false,
        resolve,
        reject,
      };
      if (call.detailed) this.emit(submitEvents(call, items, form.spread));
      this.calls.add(call);
      for (const chunk of splitIntoChunks(call, items, size, form, () => this.nextChunkId++)) {
        this.queue.push(chunk);
      }
      this.ensureWorkers();
      this.updateKeepAlive();
      this.dispatch();
    });
  }

  private ensureWorkers(): void {
    while (this.workers.size < this.processes) this.spawn();
  }

  private spawn(): void {
    const workerId = this.nextWorkerId++;
    const handle = spawnProcessWorker(
      {
        type: 'init',
        workerId,
        tracing: this.tracing,
        flushIntervalMs: TRACE_FLUSH_INTERVAL_MS,
        flushMaxEvents: TRACE_FLUSH_MAX_EVENTS,
        batchBelowUs: TRACE_BATCH_BELOW_US,
      },
      {
        onMessage: (message) => this.onWorkerMessage(workerId, message),
        onExit: (code, signal) => this.onWorkerExit(workerId, code, signal),
      },
    );
    this.workers.set(workerId, { handle, ready: false, inFlight: 0, retiring: false });
    handle.setKeepAlive(this.keepAlive());
  }

  /** Hands queued chunks to idle workers; once closed and drained, tells idle workers to exit. */
  private dispatch(): void {
    for (const [workerId, slot] of this.workers) {
      if (!slot.ready || slot.retiring) continue;
      while (slot.inFlight < MAX_IN_FLIGHT_PER_WORKER) {
        const chunk = this.nextChunk();
        if (chunk === undefined) break;
        slot.inFlight++;
        this.inFlight.set(chunk.chunkId, { chunk, workerId });
        slot.handle.send(runMessage(chunk, this.tracing));
      }
      if (slot.inFlight === 0 && this.state === 'closed') {
        slot.retiring = true;
        slot.handle.send({ type: 'shutdown' });
      }
    }
  }

  /** Next chunk whose call still wants results (a failed call's remaining chunks are dropped). */
  private nextChunk(): Chunk | undefined {
    let chunk = this.queue.shift();
    while (chunk !== undefined && chunk.call.settled) chunk = this.queue.shift();
    return chunk;
  }

  private onWorkerMessage(workerId: number, message: FromWorker): void {
    const slot = this.workers.get(workerId);
    if (slot === undefined) return;
    switch (message.type) {
      case 'ready':
        slot.ready = true;
        break;
      case 'trace':
        this.emit(message.events);
        return;
      case 'chunk-done': {
        const chunk = this.takeInFlight(slot, message.chunkId);
        if (chunk && !chunk.call.settled) {
          const where = { workerId, pid: slot.handle.pid };
          const outcome = recordResults(chunk, message.values, message.failures, where);
          if (outcome === 'complete') this.settle(chunk.call);
          else if (outcome !== 'pending') this.settle(chunk.call, outcome);
        }
        break;
      }
      case 'chunk-failed': {
        const chunk = this.takeInFlight(slot, message.chunkId);
        if (chunk) this.settle(chunk.call, new TaskLoadError(chunk.call.task, message.error));
        break;
      }
    }
    this.dispatch();
  }

  private takeInFlight(slot: WorkerSlot, chunkId: number): Chunk | undefined {
    const entry = this.inFlight.get(chunkId);
    if (entry === undefined) return undefined;
    this.inFlight.delete(chunkId);
    slot.inFlight--;
    return entry.chunk;
  }

  private onWorkerExit(workerId: number, code: number | null, signal: string | null): void {
    const slot = this.workers.get(workerId);
    if (slot === undefined) return;
    this.workers.delete(workerId);
    const pid = slot.handle.pid;
    if (this.tracing && pid !== undefined) {
      this.emit([{ type: 'worker-exit', ts: nowUs(), workerId, pid, code, signal }]);
    }
    for (const [chunkId, entry] of this.inFlight) {
      if (entry.workerId !== workerId) continue;
      this.inFlight.delete(chunkId);
      this.settle(entry.chunk.call, new WorkerDiedError(workerId, pid, code, signal, 'task'));
    }
    const expected = slot.retiring || this.state === 'terminated';
    if (!expected && slot.ready && (this.state === 'running' || this.queue.length > 0)) {
      this.spawn();
    } else if (!expected && !slot.ready && this.workers.size === 0) {
      // Nothing can start: fail queued work rather than respawn in a loop. The next call retries.
      const error = new WorkerDiedError(workerId, pid, code, signal, 'startup');
      for (const call of [...this.calls]) this.settle(call, error);
      this.queue.clear();
    }
    this.dispatch();
    this.notifyIfExited();
  }

  private settle(call: PendingCall, error?: Error): void {
    if (call.settled) return;
    call.settled = true;
    this.calls.delete(call);
    if (error) call.reject(error);
    else call.resolve(call.results);
    this.updateKeepAlive();
  }

  /** Workers hold the caller's event loop open only while work is due or they are shutting down. */
  private keepAlive(): boolean {
    return this.calls.size > 0 || this.state !== 'running';
  }

  private updateKeepAlive(): void {
    const keepAlive = this.keepAlive();
    for (const slot of this.workers.values()) slot.handle.setKeepAlive(keepAlive);
  }

  private whenExited(): Promise<void> {
    if (this.workers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.exitWaiters.push(resolve));
  }

  private notifyIfExited(): void {
    if (this.workers.size > 0 || this.state === 'running') return;
    const waiters = this.exitWaiters;
    this.exitWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private emit(events: TraceEvent[]): void {
    const sink = this.onTrace ?? getTraceSink();
    if (sink !== null) sink(events);
  }
}
