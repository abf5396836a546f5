/** Pool options and method arguments: validation and defaults, kept apart from the pool's logic. */
import { availableParallelism } from 'node:os';
import { toWire } from './context/wire';
import { invalidArgument, invalidOption } from './errors';
import { inspectItems } from './serialization';
import { validateTaskRef, type TaskRef } from './task-ref';
import { decodingSink, processChunkSink, type TraceChunkSink, type TraceSink } from './trace';

/** How pool workers run: child processes (`child_process.fork`) or threads (`worker_threads`). */
export type PoolBackend = 'process' | 'thread';

/** Backends the pool can start today. */
export const POOL_BACKENDS: readonly PoolBackend[] = ['process', 'thread'];

/** Limits of each worker's JS heap (a worker that exceeds them dies and is replaced). */
export interface PoolResourceLimits {
  /** Maximum size of the main heap in MB (`--max-old-space-size` for a process). */
  maxOldGenerationSizeMb?: number;
}

/** Options of `new Pool(...)`. */
export interface PoolOptions {
  /** Number of workers; defaults to `os.availableParallelism()`. */
  processes?: number;
  /** How workers run; defaults to 'process'. */
  backend?: PoolBackend;
  /**
   * Run in each worker before its first task, e.g. to set module state the tasks read. A worker
   * whose initializer throws runs nothing: pending calls reject with `InitializerError`.
   */
  initializer?: TaskRef;
  /** Arguments of `initializer` (structured-cloneable, or primitives such as a Lock). */
  initargs?: readonly unknown[];
  /**
   * Replace a worker after it ran this many tasks (default: never). Counts tasks, not chunks as
   * Python does: a chunk is split so that no worker runs more than this.
   */
  maxTasksPerChild?: number;
  /** Per-worker heap limits. */
  resourceLimits?: PoolResourceLimits;
  /** Record trace events; defaults to true when `onTrace`, `onTraceChunk` or a global sink is set. */
  tracing?: boolean;
  /**
   * Receives trace event batches, decoded; defaults to the sink set with `setTraceSink`. Not
   * with `onTraceChunk`.
   */
  onTrace?: TraceSink;
  /**
   * Receives trace batches packed, as they travel (`TraceChunk`; `decodeChunk` gives the events,
   * `chunkEventCount` their number): the cheap way to forward or count them. Not with `onTrace`.
   */
  onTraceChunk?: TraceChunkSink;
}

/** Options after validation, with defaults applied. */
export interface ResolvedPoolOptions {
  processes: number;
  backend: PoolBackend;
  tracing: boolean;
  /** The pool's own sink (`onTrace` decoding, or `onTraceChunk`); null: the process-wide one. */
  traceSink: TraceChunkSink | null;
  initializer: TaskRef | null;
  initargs: unknown[];
  /** `initargs` hold primitives in wire form. */
  initargsWire: boolean;
  maxTasksPerChild: number | null;
  resourceLimits: PoolResourceLimits | null;
}

function checkPositiveInteger(value: unknown, name: string, make: typeof invalidOption): number {
  if (typeof value !== 'number') throw make(name, 'must be a number', value, 'type');
  if (!Number.isInteger(value) || value < 1) throw make(name, 'must be an integer >= 1', value, 'range');
  return value;
}

function resolveBackend(value: unknown): PoolBackend {
  if (value === undefined) return 'process';
  const allowed = POOL_BACKENDS.map((b) => `'${b}'`).join(' or ');
  if (typeof value !== 'string') throw invalidOption('backend', `must be ${allowed}`, value, 'type');
  if (!(POOL_BACKENDS as readonly string[]).includes(value)) {
    throw invalidOption('backend', `must be ${allowed}`, value, 'range');
  }
  return value as PoolBackend;
}

function resolveResourceLimits(value: unknown): PoolResourceLimits | null {
  if (value === undefined) return null;
  if (typeof value !== 'object' || value === null) {
    throw invalidOption('resourceLimits', 'must be an object', value, 'type');
  }
  const mb = (value as PoolResourceLimits).maxOldGenerationSizeMb;
  if (mb === undefined) return {};
  if (typeof mb !== 'number') {
    throw invalidOption('resourceLimits.maxOldGenerationSizeMb', 'must be a number', mb, 'type');
  }
  if (!Number.isFinite(mb) || mb < 1) {
    throw invalidOption('resourceLimits.maxOldGenerationSizeMb', 'must be a number >= 1', mb, 'range');
  }
  return { maxOldGenerationSizeMb: mb };
}

/** Initargs as they will cross to workers: primitives in wire form (`wire` says if any). */
function resolveInitargs(value: unknown, backend: PoolBackend): { initargs: unknown[]; wire: boolean } {
  if (value === undefined) return { initargs: [], wire: false };
  if (!Array.isArray(value)) throw invalidOption('initargs', 'must be an array', value, 'type');
  const copy = [...(value as unknown[])];
  const initargs = toWire(copy, backend);
  inspectItems(initargs, 'initargs', backend);
  return { initargs, wire: initargs !== copy };
}

/** Validates `new Pool(options)`; throws TypeError/RangeError naming the bad option. */
export function resolvePoolOptions(options: unknown): ResolvedPoolOptions {
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null) {
    throw invalidOption('options', 'must be an object', options, 'type');
  }
  const o = options as Record<keyof PoolOptions, unknown>;
  const processes =
    o.processes === undefined
      ? availableParallelism()
      : checkPositiveInteger(o.processes, 'processes', invalidOption);
  const backend = resolveBackend(o.backend);
  if (o.tracing !== undefined && typeof o.tracing !== 'boolean') {
    throw invalidOption('tracing', 'must be a boolean', o.tracing, 'type');
  }
  if (o.onTrace !== undefined && typeof o.onTrace !== 'function') {
    throw invalidOption('onTrace', 'must be a function', o.onTrace, 'type');
  }
  if (o.onTraceChunk !== undefined && typeof o.onTraceChunk !== 'function') {
    throw invalidOption('onTraceChunk', 'must be a function', o.onTraceChunk, 'type');
  }
  if (o.onTrace !== undefined && o.onTraceChunk !== undefined) {
    throw invalidOption('onTraceChunk', 'cannot be combined with onTrace', o.onTraceChunk, 'type');
  }
  const initializer = o.initializer === undefined ? null : validateTaskRef(o.initializer, 'initializer');
  if (initializer === null && o.initargs !== undefined) {
    throw invalidOption('initargs', 'needs an initializer to receive them', o.initargs, 'type');
  }
  const maxTasksPerChild =
    o.maxTasksPerChild === undefined
      ? null
      : checkPositiveInteger(o.maxTasksPerChild, 'maxTasksPerChild', invalidOption);
  const traceSink =
    o.onTrace !== undefined
      ? decodingSink(o.onTrace as TraceSink)
      : ((o.onTraceChunk as TraceChunkSink | undefined) ?? null);
  const tracing = (o.tracing as boolean | undefined) ?? (traceSink !== null || processChunkSink() !== null);
  const { initargs, wire } = resolveInitargs(o.initargs, backend);
  return {
    processes,
    backend,
    tracing,
    traceSink,
    initializer,
    initargs,
    initargsWire: wire,
    maxTasksPerChild,
    resourceLimits: resolveResourceLimits(o.resourceLimits),
  };
}

/** Validates an explicit `chunksize` argument (an integer >= 1). */
export function validateChunksize(chunksize: unknown): number {
  return checkPositiveInteger(chunksize, 'chunksize', invalidArgument);
}

/**
 * Python's automatic chunksize for `Pool.map`: `chunksize, extra = divmod(length, processes * 4)`,
 * plus one when there is a remainder. About four chunks per worker balances load against
 * per-message cost. Returns 0 for no items.
 */
export function defaultChunksize(length: number, processes: number): number {
  const per = processes * 4;
  const chunksize = Math.floor(length / per);
  return length % per === 0 ? chunksize : chunksize + 1;
}

/** Materialises `items` into an array; TypeError naming `name` when it is not iterable. */
export function toItemArray<T>(items: Iterable<T>, name = 'items'): T[] {
  if (Array.isArray(items)) return items;
  if (
    items === null ||
    items === undefined ||
    typeof (items as Partial<Iterable<T>>)[Symbol.iterator] !== 'function'
  ) {
    throw invalidArgument(name, 'must be iterable (an array, Set, generator, …)', items, 'type');
  }
  return Array.from(items);
}
