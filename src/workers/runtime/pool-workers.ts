/**
 * One pool worker as the dispatcher tracks it: how it is started (the `init` message, with the
 * initializer and heap limits), what it owes, and how its death is explained to the caller.
 */
import type { ErrorData } from '../../shared/errors';
import type { FromWorker } from '../../shared/worker-protocol';
import { linkChild } from './context/links';
import type { ChildPort } from './context/router';
import type { ResolvedPoolOptions } from './options';
import { InitializerError, workerDied } from './pool-errors';
import type { WorkerDiedError } from './errors';
import { TRACE_BATCH_BELOW_US, TRACE_FLUSH_INTERVAL_MS, TRACE_FLUSH_MAX_EVENTS } from './trace';
import { spawnWorker, type WorkerHandle, type WorkerListener } from './worker-handle';

/** A worker and its account with the pool. */
export interface WorkerSlot {
  readonly workerId: number;
  readonly handle: WorkerHandle;
  ready: boolean;
  /** Chunks sent to this worker and not answered yet. */
  inFlight: number;
  /** Told to shut down (or to be replaced), so its exit is expected. */
  retiring: boolean;
  /** Tasks it may still be given before it is replaced (`maxTasksPerChild`). */
  budget: number;
  /** How long its recent chunks took (µs; 0 until one came back): see pool-in-flight.ts. */
  serviceUs: number;
  /** The same per task (µs; 0 until known): how large a group it gets (pool-groups.ts). */
  taskUs: number;
  /** When its last answer came (µs, trace clock). */
  lastDoneUs: number;
  /** The uncaught error it reported as it died. */
  fatal: ErrorData | undefined;
  /** Its link in the context tree: primitive calls from its tasks come up through it. */
  readonly port: ChildPort | null;
}

/** Starts worker `workerId` on the pool's backend; throws when the backend cannot start one. */
export function startWorker(
  config: ResolvedPoolOptions,
  workerId: number,
  listener: WorkerListener,
): WorkerSlot {
  const { initializer, initargs, initargsWire, resourceLimits, maxTasksPerChild } = config;
  const handle = spawnWorker(
    config.backend,
    {
      type: 'init',
      workerId,
      tracing: config.tracing,
      flushIntervalMs: TRACE_FLUSH_INTERVAL_MS,
      flushMaxEvents: TRACE_FLUSH_MAX_EVENTS,
      batchBelowUs: TRACE_BATCH_BELOW_US,
      ...(initializer !== null ? { initializer, initargs } : {}),
      ...(initargsWire ? { wire: true } : {}),
    },
    listener,
    resourceLimits !== null ? { resourceLimits } : undefined,
  );
  const { pid, threadId } = handle;
  const port = pid === undefined ? null : linkChild(`${pid}.${threadId}`, (message) => handle.send(message));
  return {
    workerId,
    handle,
    port,
    ready: false,
    inFlight: 0,
    retiring: false,
    budget: maxTasksPerChild ?? Infinity,
    serviceUs: 0,
    taskUs: 0,
    lastDoneUs: 0,
    fatal: undefined,
  };
}

/**
 * The error for calls a worker took down with it: WorkerDiedError naming it, with what killed it
 * when known (its uncaught error, the backend's reason, or a heap limit).
 */
export function deathError(
  config: ResolvedPoolOptions,
  slot: WorkerSlot,
  exit: { code: number | null; signal: string | null; reason: string | undefined },
  when: 'task' | 'startup',
): WorkerDiedError {
  const { code, signal } = exit;
  // V8 aborts a process whose heap is full: say so when a heap limit was set.
  const oom = signal === 'SIGABRT' && config.resourceLimits?.maxOldGenerationSizeMb !== undefined;
  const why =
    exit.reason ?? (oom ? 'likely out of memory (resourceLimits.maxOldGenerationSizeMb)' : undefined);
  return workerDied([slot.workerId, slot.handle.pid, code, signal, when], slot.fatal, why);
}

/** The error for every pending call when a worker's initializer failed. */
export function initializerError(
  config: ResolvedPoolOptions,
  slot: WorkerSlot,
  failed: Extract<FromWorker, { type: 'init-failed' }>,
): InitializerError {
  // Only a pool with an initializer sends it one, so only such a pool hears this.
  const initializer = config.initializer ?? { module: 'unknown', name: 'unknown' };
  const where = { workerId: slot.workerId, pid: slot.handle.pid };
  return new InitializerError(initializer, failed.stage, failed.error, where);
}

/** A pool's workers, by id: who is alive, who may take work, and who waits for them to be gone. */
export class WorkerSet {
  private readonly slots = new Map<number, WorkerSlot>();
  private exitWaiters: (() => void)[] = [];
  /** What the workers were last told about keeping the caller's event loop alive. */
  private keptAlive = false;

  get size(): number {
    return this.slots.size;
  }

  /** Process ids of the live workers (starting, working or shutting down). */
  get pids(): number[] {
    const pids: number[] = [];
    for (const slot of this.slots.values()) if (slot.handle.pid !== undefined) pids.push(slot.handle.pid);
    return pids;
  }

  /** Workers not told to leave. */
  get active(): number {
    let count = 0;
    for (const slot of this.slots.values()) if (!slot.retiring) count++;
    return count;
  }

  values(): IterableIterator<WorkerSlot> {
    return this.slots.values();
  }

  get(workerId: number): WorkerSlot | undefined {
    return this.slots.get(workerId);
  }

  add(slot: WorkerSlot): void {
    this.slots.set(slot.workerId, slot);
    slot.handle.setKeepAlive(this.keptAlive);
  }

  /** Forgets an exited worker. */
  remove(slot: WorkerSlot): void {
    this.slots.delete(slot.workerId);
  }

  /** Wakes {@link whenEmpty} if no worker is left. */
  wakeIfEmpty(): void {
    if (this.slots.size > 0) return;
    const waiters = this.exitWaiters;
    this.exitWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves once no worker is left (see {@link wakeIfEmpty}). */
  whenEmpty(): Promise<void> {
    if (this.slots.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.exitWaiters.push(resolve));
  }

  /** Whether workers keep the caller's event loop alive (only while work is due). */
  setKeepAlive(keepAlive: boolean): void {
    if (keepAlive === this.keptAlive) return;
    this.keptAlive = keepAlive;
    for (const slot of this.slots.values()) slot.handle.setKeepAlive(keepAlive);
  }
}
