/**
 * The pool's engine. A call is split into chunks (many tasks per message); chunks wait in one
 * FIFO and go to idle workers; each chunk in flight is registered by its id until its worker
 * answers or dies. Workers start lazily, all at once, on the first call, and are replaced when
 * they die or reach `maxTasksPerChild`. The engine records `worker-exit`, and `task-submit` for
 * calls small enough to trace task by task; the workers record the rest (see worker-loop.ts and
 * task-recorder.ts) and the engine forwards their trace chunks undecoded.
 */
import type { TraceEvent } from '../../shared/trace-schema';
import type { FromWorker, TaskFailure } from '../../shared/worker-protocol';
import { recordResults, reportProgress, splitIntoChunks, watchAbort } from './calls';
import type { Chunk, PendingCall } from './calls';
import { PoolTerminatedError, TaskLoadError } from './errors';
import type { ResolvedPoolOptions } from './options';
import { memberAnswer } from './pool-groups';
import { ChunkQueue } from './pool-queue';
import { PoolTraceOut } from './pool-trace-out';
import { InFlight, roomFor } from './pool-in-flight';
import { WorkerSet, deathError, initializerError, startWorker, type WorkerSlot } from './pool-workers';
import { nowUs } from './trace';

/** What a pool is doing: accepting calls, finishing them before its workers exit, or killed. */
export type PoolState = 'running' | 'closed' | 'terminated';

/** Tasks of a pool over its lifetime: submitted, and done (succeeded, failed or cancelled). */
export interface PoolProgress {
  readonly done: number;
  readonly total: number;
}

/**
 * Worker ids are unique in the process, not per pool: a program with two pools (the notebook's
 * adders and subtractors) gets distinct lanes and counts for all of its workers.
 */
let nextWorkerId = 0;

/** Workers, queue and calls of one pool. */
export class Dispatcher {
  state: PoolState = 'running';
  private readonly workers = new WorkerSet();
  private readonly queue = new ChunkQueue(() => this.nextChunkId++);
  private readonly inFlight = new InFlight();
  private readonly calls = new Set<PendingCall>();
  private nextChunkId = 0;
  private readonly trace: PoolTraceOut;
  private dispatchQueued = false;
  private done = 0;
  private total = 0;

  constructor(private readonly config: ResolvedPoolOptions) {
    this.trace = new PoolTraceOut(config.traceSink);
  }

  /** Process ids of the live workers (starting, working or shutting down). */
  get pids(): number[] {
    return this.workers.pids;
  }

  get progress(): PoolProgress {
    return { done: this.done, total: this.total };
  }

  /**
   * Queues `call` over `items` in chunks of `size` and starts workers as needed. With `signal`,
   * aborting it settles the call with the signal's reason (its queued chunks are then dropped).
   */
  submit(
    call: PendingCall,
    items: readonly unknown[],
    size: number,
    form: { spread: boolean; numbers: boolean },
    signal: AbortSignal | null,
  ): void {
    if (signal?.aborted) return call.reject(signal.reason as Error, 0);
    if (call.total === 0) return call.resolve(call.results);
    this.calls.add(call);
    this.total += call.total;
    if (signal !== null) watchAbort(call, signal, (reason) => this.settle(call, reason));
    if (call.detailed) this.trace.submitted(call.submitTs, call.callId, call.task.name, items, form.spread);
    const options = { ...form, copy: this.config.backend === 'thread' };
    for (const chunk of splitIntoChunks(call, items, size, options, () => this.nextChunkId++)) {
      this.queue.push(chunk);
    }
    while (this.workers.active < this.config.processes && !call.settled) this.spawn();
    this.updateKeepAlive();
    this.dispatchSoon();
  }

  /**
   * Dispatches once the caller's synchronous run of calls is over (a microtask): calls made in a
   * loop are then grouped (pool-queue.ts), and their `task-submit` events leave as one batch.
   */
  private dispatchSoon(): void {
    if (this.dispatchQueued) return;
    this.dispatchQueued = true;
    queueMicrotask(() => {
      this.dispatchQueued = false;
      this.trace.flushSubmits();
      this.dispatch();
    });
  }

  /** Settles `call` now: rejects with `error` at task `at` (streams yield what came before). */
  settle(call: PendingCall, error?: Error, at = 0): void {
    if (call.settled) return;
    call.settled = true;
    this.calls.delete(call);
    this.done += call.remaining;
    call.cleanup?.();
    if (error === undefined) {
      call.resolve(call.results);
    } else {
      // Chunks sent ahead and not started are not wanted any more (an ordered imap keeps `at`'s past).
      this.inFlight.cancel(call, call.stream === null ? 0 : at);
      call.reject(error, at);
    }
    this.updateKeepAlive();
  }

  /** Stops accepting work; queued work still runs, then the workers exit. Idempotent. */
  close(): void {
    if (this.state !== 'running') return;
    this.state = 'closed';
    this.updateKeepAlive();
    this.dispatch();
  }

  /** Kills every worker now; pending calls reject with PoolTerminatedError. */
  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    for (const call of [...this.calls]) this.settle(call, new PoolTerminatedError());
    this.queue.clear();
    this.inFlight.clear();
    for (const slot of this.workers.values()) slot.handle.kill();
    this.updateKeepAlive();
  }

  /** Resolves once every worker has exited. */
  whenExited(): Promise<void> {
    return this.workers.whenEmpty();
  }

  /** Starts a worker; if that throws (no backend, no resources), fails every call instead. */
  private spawn(): void {
    const workerId = nextWorkerId++;
    let slot: WorkerSlot;
    try {
      slot = startWorker(this.config, workerId, {
        onMessage: (message) => this.onWorkerMessage(workerId, message),
        onExit: (code, signal, reason) => this.onWorkerExit(workerId, { code, signal, reason }),
        onOutput: (event) => this.emit([event]),
      });
    } catch (error) {
      return this.failAll(error instanceof Error ? error : new Error(String(error)));
    }
    this.workers.add(slot);
  }

  /**
   * Hands queued chunks to workers: idle ones first, one chunk each, then tops up those whose
   * chunks are short (pool-in-flight.ts); asks chunks back for workers left idle; retires
   * workers that are done (closed pool, used budget).
   */
  private dispatch(): void {
    for (const slot of this.workers.values()) if (slot.inFlight === 0) this.give(slot, 1);
    let idle = 0;
    for (const slot of this.workers.values()) {
      if (!slot.ready || slot.retiring) continue;
      this.give(slot, roomFor(slot));
      if (slot.inFlight > 0) continue;
      if (slot.budget === 0 || this.state === 'closed') this.retire(slot);
      else idle++;
    }
    // Work is left only in other workers' hands: ask some back.
    let wanted = idle - this.inFlight.stealing;
    while (wanted-- > 0 && this.inFlight.steal());
  }

  /**
   * Sends `slot` up to `count` queued chunks, in one message. Single-task calls queued together
   * for the same function go as groups (pool-groups.ts), one group counting as one chunk.
   */
  private give(slot: WorkerSlot, count: number): void {
    if (!slot.ready || slot.retiring) return;
    const batch = this.queue.take(slot, count, this.config.processes);
    if (batch.length === 0) return;
    // What the channel refused (a value the pre-check could not foresee) fails its call.
    for (const { chunk, error } of this.inFlight.send(slot, batch, this.config.tracing)) {
      slot.budget += chunk.args.length;
      this.settle(chunk.call, error, chunk.start);
    }
  }

  /** Tells a worker to exit; one that used its task budget is replaced while work may come. */
  private retire(slot: WorkerSlot): void {
    slot.retiring = true;
    slot.handle.send({ type: 'shutdown' });
    if (slot.budget === 0 && (this.state === 'running' || this.queue.length > 0)) this.spawn();
  }

  private onWorkerMessage(workerId: number, message: FromWorker): void {
    const slot = this.workers.get(workerId);
    if (slot === undefined) return;
    this.receive(slot, message);
    // A trace chunk alone (a chunk's first start) changes nothing dispatching looks at: a
    // dispatch here would only split the next message to this worker in two.
    if (message.type !== 'trace') this.dispatch();
  }

  private receive(slot: WorkerSlot, message: FromWorker): void {
    switch (message.type) {
      case 'batch':
        for (const inner of message.messages) this.receive(slot, inner);
        return;
      case 'ready':
        slot.ready = true;
        return;
      case 'trace':
        // Forwarded as it came: only the final consumer decodes.
        return this.trace.forward(message.chunk);
      case 'fatal':
        slot.fatal = message.error;
        return;
      case 'init-failed':
        // Not replaced: Python's pool would respawn it forever. The next call tries again.
        this.retire(slot);
        return this.failAll(initializerError(this.config, slot, message));
      case 'chunk-done': {
        const chunks = this.inFlight.take(slot, message.chunkId, true, message.runUs);
        if (chunks === undefined) return;
        if (chunks.length === 1) return this.onResults(chunks[0]!, message.values, message.failures, slot);
        // A group: each task answers its own call.
        chunks.forEach((chunk, i) => {
          const { values, failures } = memberAnswer(message.values, message.failures, i);
          this.onResults(chunk, values, failures, slot);
        });
        return;
      }
      case 'chunk-failed': {
        for (const chunk of this.inFlight.take(slot, message.chunkId) ?? []) {
          this.fail(chunk, new TaskLoadError(chunk.call.task, message.error));
        }
        return;
      }
      case 'chunk-skipped': {
        // Cancelled (its call settled: drop it) or asked back for an idle worker: queue it again;
        // for a group that started, only its tasks from `from` on.
        if (message.from !== undefined) {
          return this.queue.requeue(this.inFlight.truncate(slot, message.chunkId, message.from), slot);
        }
        return this.queue.requeue(this.inFlight.take(slot, message.chunkId, false) ?? [], slot);
      }
      default:
        return slot.port?.receive(message);
    }
  }

  private onResults(
    chunk: Chunk,
    values: readonly unknown[] | Float64Array,
    failures: readonly TaskFailure[],
    slot: WorkerSlot,
  ): void {
    const call = chunk.call;
    // A settled stream (imap) may still want results that precede its failure.
    if (call.settled && call.stream === null) return;
    const before = call.remaining;
    const where = { workerId: slot.workerId, pid: slot.handle.pid };
    const outcome = recordResults(chunk, values, failures, where);
    if (outcome !== 'complete' && outcome !== 'pending') return this.fail(chunk, outcome, outcome.index);
    if (call.settled) return;
    this.done += before - call.remaining;
    reportProgress(call);
    if (outcome === 'complete') this.settle(call);
  }

  /** A chunk failed at task `at` (its first task unless known). */
  private fail(chunk: Chunk, error: Error, at = chunk.start): void {
    if (chunk.call.settled) chunk.call.stream?.fail(error, at);
    else this.settle(chunk.call, error, at);
  }

  private failAll(error: Error): void {
    for (const call of [...this.calls]) this.settle(call, error);
    this.queue.clear();
  }

  private onWorkerExit(
    workerId: number,
    exit: { code: number | null; signal: string | null; reason: string | undefined },
  ): void {
    const slot = this.workers.get(workerId);
    if (slot === undefined) return;
    this.workers.remove(slot);
    const { code, signal } = exit;
    slot.port?.exited({ code, signal });
    const pid = slot.handle.pid;
    if (this.config.tracing && pid !== undefined) {
      const tid = slot.handle.backend === 'thread' ? { tid: slot.handle.threadId } : {};
      this.emit([{ type: 'worker-exit', ts: nowUs(), workerId, pid, code, signal, ...tid }]);
    }
    const died = (when: 'task' | 'startup'): Error => deathError(this.config, slot, exit, when);
    // It ran its chunks in order: the oldest one died with it (all of a group: which of its
    // tasks ran is not known), the others never started.
    const [running, ...notStarted] = this.inFlight.drop(slot);
    for (const chunk of running ?? []) this.fail(chunk, died('task'));
    this.queue.requeue(notStarted.flat(), null);
    const expected = slot.retiring || this.state === 'terminated';
    if (!expected && slot.ready && (this.state === 'running' || this.queue.length > 0)) {
      this.spawn();
    } else if (!expected && !slot.ready && this.workers.active === 0) {
      // Nothing can start: fail queued work rather than respawn in a loop. The next call retries.
      this.failAll(died('startup'));
    }
    this.dispatch();
    if (this.state !== 'running') this.workers.wakeIfEmpty();
  }

  /** Workers hold the caller's event loop open only while work is due or they are shutting down. */
  private updateKeepAlive(): void {
    this.workers.setKeepAlive(this.calls.size > 0 || this.state !== 'running');
  }

  private emit(events: TraceEvent[]): void {
    this.trace.emit(events);
  }
}
