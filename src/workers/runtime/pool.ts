/**
 * `Pool`: Python's `multiprocessing.Pool` for Node, on worker processes or threads. Every call
 * that waits returns a Promise (or an AsyncResult, or an async iterator), so the same code runs
 * on both backends. Where Python takes `chunksize`, `callback` and `error_callback`
 * positionally, calls take a trailing options object (a bare number is the chunksize). The
 * engine (workers, chunks, faults) is pool-dispatch.ts; this file validates and shapes calls.
 */
import { assertNotBootstrapping } from './bootstrap';
import { AsyncResult } from './async-result';
import { newCall, type CallInit, type PendingCall, type ResultStream } from './calls';
import { toWire } from './context/wire';
import { PoolStateError, invalidArgument, poolNotRunning } from './errors';
import { ImapIterator } from './imap';
import { defaultChunksize, resolvePoolOptions, toItemArray } from './options';
import type { PoolBackend, PoolOptions } from './options';
import { resolveCallOptions, type ResolvedCallOptions } from './pool-call-options';
import type { AsyncCallbacks, CallOptions, MapOptions } from './pool-call-options';
import { Dispatcher, type PoolProgress } from './pool-dispatch';
import { inspectItems } from './serialization';
import { validateTaskRef, type TaskRef } from './task-ref';
import { TRACE_DETAILED_TASKS, nowUs } from './trace';

/** A call checked and ready to submit. */
interface Prepared {
  task: TaskRef;
  /** Items as they cross to workers (primitives in wire form; `wire` says if there are any). */
  items: unknown[];
  wire: boolean;
  size: number;
  form: { spread: boolean; numbers: boolean };
  options: ResolvedCallOptions;
}

/** The callbacks of an AsyncResult without any (shared: most calls have none). */
const NO_CALLBACKS: AsyncCallbacks<unknown> = Object.freeze({});

/** How an apply's single item travels: as the task's argument list. */
const APPLY_FORM = Object.freeze({ spread: true, numbers: false });

/** Why `return()` on an imap iterator ended its call (never seen by the caller). */
const CANCELLED = new Error('cancelled by the caller');

/** A pool of worker processes (or threads) running exported functions over many inputs. */
export class Pool {
  /** Number of workers the pool keeps. */
  readonly processes: number;
  readonly backend: PoolBackend;
  /** Whether this pool records trace events. */
  readonly tracing: boolean;
  private readonly engine: Dispatcher;

  /** Throws TypeError/RangeError naming a bad option. Starts no worker (that waits for work). */
  constructor(options?: PoolOptions) {
    assertNotBootstrapping('Pool');
    const resolved = resolvePoolOptions(options);
    this.processes = resolved.processes;
    this.backend = resolved.backend;
    this.tracing = resolved.tracing;
    this.engine = new Dispatcher(resolved);
  }

  /** Process ids of the live workers (for threads, this process's pid once per worker). */
  get pids(): number[] {
    return this.engine.pids;
  }

  /**
   * Tasks over the pool's lifetime: `total` submitted, `done` that will not run any more
   * (succeeded, failed, or dropped because their call failed or was cancelled).
   */
  get progress(): PoolProgress {
    return this.engine.progress;
  }

  /**
   * Calls `task` once per item, in parallel, and resolves with the results in input order.
   * `chunksize` (items per message) defaults to Python's `ceil(len / (processes * 4))`.
   * Rejects with RemoteTaskError when a task throws, TaskLoadError when the task cannot be
   * loaded, WorkerDiedError when a worker dies under it, InitializerError when the initializer
   * fails, the signal's reason when aborted; TypeError/RangeError for bad arguments (before
   * anything runs); PoolStateError after close()/terminate().
   */
  async map<T, R>(task: TaskRef, items: Iterable<T>, options?: number | MapOptions): Promise<R[]> {
    return (await this.whole(this.prepare('map', task, items, options, false))) as R[];
  }

  /** Like {@link map}, each item being the task's argument list: `starmap(add, [[1, 2], [3, 4]])`. */
  async starmap<A extends readonly unknown[], R>(
    task: TaskRef,
    items: Iterable<A>,
    options?: number | MapOptions,
  ): Promise<R[]> {
    return (await this.whole(this.prepare('starmap', task, items, options, true))) as R[];
  }

  /** {@link map} returning an AsyncResult (Python's `map_async`). Throws on bad arguments. */
  mapAsync<T, R>(
    task: TaskRef,
    items: Iterable<T>,
    options?: number | (MapOptions & AsyncCallbacks<R[]>),
  ): AsyncResult<R[]> {
    const prepared = this.prepare('mapAsync', task, items, options, false, true);
    return this.later<R[]>(prepared, (results) => results as R[]);
  }

  /** {@link starmap} returning an AsyncResult (Python's `starmap_async`). */
  starmapAsync<A extends readonly unknown[], R>(
    task: TaskRef,
    items: Iterable<A>,
    options?: number | (MapOptions & AsyncCallbacks<R[]>),
  ): AsyncResult<R[]> {
    const prepared = this.prepare('starmapAsync', task, items, options, true, true);
    return this.later<R[]>(prepared, (results) => results as R[]);
  }

  /**
   * Runs `task(...args)` on one worker and resolves with its result. Awaiting it in a loop runs
   * one task at a time: use {@link applyAsync} (or map) to run many at once.
   */
  async apply<R>(task: TaskRef, args: readonly unknown[] = [], options?: CallOptions): Promise<R> {
    const [result] = await this.whole(this.prepareApply('apply', task, args, options, false));
    return result as R;
  }

  /** Starts `task(...args)` and returns its AsyncResult at once (Python's `apply_async`). */
  applyAsync<R>(
    task: TaskRef,
    args: readonly unknown[] = [],
    options?: CallOptions & AsyncCallbacks<R>,
  ): AsyncResult<R> {
    const prepared = this.prepareApply('applyAsync', task, args, options, true);
    return this.later<R>(prepared, (results) => results[0] as R);
  }

  /**
   * Like {@link map}, but yields results as they come, in input order; `chunksize` defaults to
   * 1, as in Python. Leaving a `for await` early cancels the tasks not started yet.
   */
  imap<T, R>(task: TaskRef, items: Iterable<T>, options?: number | MapOptions): AsyncIterableIterator<R> {
    return this.stream<R>(this.prepare('imap', task, items, options, false, false, 1), true);
  }

  /** Like {@link imap}, but yields each result as soon as its chunk completes (any order). */
  imapUnordered<T, R>(
    task: TaskRef,
    items: Iterable<T>,
    options?: number | MapOptions,
  ): AsyncIterableIterator<R> {
    return this.stream<R>(this.prepare('imapUnordered', task, items, options, false, false, 1), false);
  }

  /** Stops accepting work; queued work still runs, then the workers exit. Idempotent. */
  close(): void {
    this.engine.close();
  }

  /** Resolves once every worker has exited. Only after close() or terminate(), as in Python. */
  join(): Promise<void> {
    if (this.engine.state === 'running') {
      return Promise.reject(new PoolStateError('join() called before close() or terminate()'));
    }
    return this.engine.whenExited();
  }

  /**
   * Kills every worker now (whatever it is doing); pending calls reject with
   * PoolTerminatedError. Resolves once they are gone.
   */
  terminate(): Promise<void> {
    this.engine.terminate();
    return this.engine.whenExited();
  }

  /** `await using pool = new Pool()` terminates the pool at the end of the block, like Python's `with`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.terminate();
  }

  /** Checks a call over many items; throws what the caller got wrong, naming it. */
  private prepare(
    method: string,
    task: TaskRef,
    items: Iterable<unknown>,
    options: unknown,
    spread: boolean,
    callbacks = false,
    defaultSize?: number,
  ): Prepared {
    const state = this.engine.state;
    if (state !== 'running') throw poolNotRunning(method, state);
    const ref = validateTaskRef(task, 'task');
    const resolved = resolveCallOptions(options, { chunksize: true, callbacks });
    let list = toItemArray(items);
    if (spread) list = list.map((args, i) => toArgList(args, `items[${i}]`));
    const wired = toWire(list, this.backend);
    const numbers = inspectItems(wired, 'items', this.backend) === 'numbers' && !spread;
    const size = resolved.chunksize ?? defaultSize ?? defaultChunksize(list.length, this.processes);
    const wire = wired !== list;
    return { task: ref, items: wired, wire, size, form: { spread, numbers }, options: resolved };
  }

  private prepareApply(
    method: string,
    task: TaskRef,
    args: unknown,
    options: unknown,
    callbacks: boolean,
  ): Prepared {
    const state = this.engine.state;
    if (state !== 'running') throw poolNotRunning(method, state);
    const ref = validateTaskRef(task, 'task');
    const resolved = resolveCallOptions(options, { callbacks });
    const list = toArgList(args, 'args');
    const wired = toWire(list, this.backend);
    inspectItems(wired, 'args', this.backend);
    return { task: ref, items: [wired], wire: wired !== list, size: 1, form: APPLY_FORM, options: resolved };
  }

  private launch(
    p: Prepared,
    handlers: Pick<PendingCall, 'resolve' | 'reject'>,
    stream?: ResultStream,
  ): PendingCall {
    // One object, no spreads: an applyAsync loop makes one of these per call.
    const init: CallInit = {
      task: p.task,
      total: p.items.length,
      tracing: this.tracing,
      wire: p.wire,
      onProgress: p.options.onProgress,
      resolve: handlers.resolve,
      reject: handlers.reject,
    };
    if (stream) init.stream = stream;
    const call = newCall(init, TRACE_DETAILED_TASKS, nowUs);
    this.engine.submit(call, p.items, p.size, p.form, p.options.signal);
    return call;
  }

  private whole(p: Prepared): Promise<unknown[]> {
    return new Promise((resolve, reject) => this.launch(p, { resolve, reject }));
  }

  private later<R>(p: Prepared, pick: (results: unknown[]) => R): AsyncResult<R> {
    const { callback, errorCallback } = p.options;
    const callbacks: AsyncCallbacks<R> =
      callback || errorCallback
        ? {
            ...(callback ? { callback: callback as (result: R) => void } : {}),
            ...(errorCallback ? { errorCallback } : {}),
          }
        : NO_CALLBACKS;
    return new AsyncResult<R>((resolve, reject) => {
      this.launch(p, { resolve: (results) => resolve(pick(results)), reject });
    }, callbacks);
  }

  private stream<R>(p: Prepared, ordered: boolean): ImapIterator<R> {
    const iterator = new ImapIterator<R>(ordered, p.items.length);
    const call = this.launch(p, { resolve: () => {}, reject: (e, at) => iterator.fail(e, at) }, iterator);
    iterator.onCancel = () => this.engine.settle(call, CANCELLED);
    return iterator;
  }
}

/** An argument list: an array as is, another iterable materialised; TypeError naming `name`. */
function toArgList(value: unknown, name: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null && Symbol.iterator in value) {
    return Array.from(value as Iterable<unknown>);
  }
  throw invalidArgument(name, 'must be an array of arguments', value, 'type');
}
