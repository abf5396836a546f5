/** Pool options and method arguments: validation and defaults, kept apart from the pool's logic. */
import { availableParallelism } from 'node:os';
import { invalidArgument, invalidOption } from './errors';
import { getTraceSink, type TraceSink } from './trace';

/** Options of `new Pool(...)`. */
export interface PoolOptions {
  /** Number of workers; defaults to `os.availableParallelism()`. */
  processes?: number;
  /** How workers run. Only child processes for now; 'thread' arrives later. */
  backend?: 'process';
  /** Record trace events; defaults to true when `onTrace` or a global sink is set. */
  tracing?: boolean;
  /** Receives trace event batches; defaults to the sink set with `setTraceSink`. */
  onTrace?: TraceSink;
}

/** Options after validation, with defaults applied. */
export interface ResolvedPoolOptions {
  processes: number;
  backend: 'process';
  tracing: boolean;
  onTrace: TraceSink | null;
}

function checkPositiveInteger(value: unknown, name: string, make: typeof invalidOption): number {
  if (typeof value !== 'number') throw make(name, 'must be a number', value, 'type');
  if (!Number.isInteger(value) || value < 1) throw make(name, 'must be an integer >= 1', value, 'range');
  return value;
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
  if (o.backend !== undefined && typeof o.backend !== 'string') {
    throw invalidOption('backend', "must be 'process'", o.backend, 'type');
  }
  if (o.backend !== undefined && o.backend !== 'process') {
    throw invalidOption('backend', "must be 'process' (the only backend so far)", o.backend, 'range');
  }
  if (o.tracing !== undefined && typeof o.tracing !== 'boolean') {
    throw invalidOption('tracing', 'must be a boolean', o.tracing, 'type');
  }
  if (o.onTrace !== undefined && typeof o.onTrace !== 'function') {
    throw invalidOption('onTrace', 'must be a function', o.onTrace, 'type');
  }
  const onTrace = (o.onTrace as TraceSink | undefined) ?? null;
  const tracing = (o.tracing as boolean | undefined) ?? (onTrace !== null || getTraceSink() !== null);
  return { processes, backend: 'process', tracing, onTrace };
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

/** Materialises `items` into an array; TypeError naming `items` when it is not iterable. */
export function toItemArray<T>(items: Iterable<T>): T[] {
  if (Array.isArray(items)) return items;
  if (
    items === null ||
    items === undefined ||
    typeof (items as Partial<Iterable<T>>)[Symbol.iterator] !== 'function'
  ) {
    throw invalidArgument('items', 'must be iterable (an array, Set, generator, …)', items, 'type');
  }
  return Array.from(items);
}
