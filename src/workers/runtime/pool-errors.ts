/**
 * Errors of the pool's newer calls (initializer, AsyncResult, callbacks), in the style of
 * errors.ts: failures of the work are classes carrying what the caller needs to act on them.
 */
import type { ErrorData } from '../../shared/errors';
import type { TaskRef } from '../../shared/worker-protocol';
import { PoolStateError, WorkerDiedError } from './errors';

/**
 * The pool's `initializer` could not be loaded or threw in a worker. Python's pool respawns such
 * a worker forever (the call hangs); this pool fails every pending call with this error, stops
 * the worker and starts new ones only for the next call.
 */
export class InitializerError extends Error {
  readonly module: string;
  readonly exportName: string;
  /** Whether loading the function failed ('load') or calling it did ('run'). */
  readonly stage: 'load' | 'run';
  /** `name` of the error thrown in the worker. */
  readonly remoteName: string;
  /** Stack of the error as thrown in the worker (empty when it threw a non-Error). */
  readonly remoteStack: string;
  readonly workerId: number;
  readonly pid: number | undefined;

  constructor(
    initializer: TaskRef,
    stage: 'load' | 'run',
    data: ErrorData,
    where: { workerId: number; pid: number | undefined },
  ) {
    const what = stage === 'load' ? 'cannot be loaded' : 'threw';
    super(
      `Initializer "${initializer.name}" from module "${initializer.module}" ${what} ` +
        `in worker ${where.workerId} (pid ${where.pid ?? 'unknown'}): ${data.message}`,
    );
    this.name = 'InitializerError';
    this.module = initializer.module;
    this.exportName = initializer.name;
    this.stage = stage;
    this.remoteName = data.name;
    this.remoteStack = data.stack ?? '';
    this.workerId = where.workerId;
    this.pid = where.pid;
    if (this.remoteStack) this.stack = `${this.stack ?? ''}\n\nRemote stack:\n${this.remoteStack}`;
  }
}

export { TimeoutError } from './timeouts';

/** `AsyncResult.successful()` before the result is ready (Python raises ValueError). */
export class ResultNotReadyError extends PoolStateError {
  constructor() {
    super('The result is not ready: successful() needs ready() to be true (await wait() first)');
    this.name = 'ResultNotReadyError';
  }
}

/**
 * A callback given to the pool (`callback`, `errorCallback`, `onProgress`) threw. It runs in the
 * caller after the result arrived, so there is no call left to reject: the pool emits this as a
 * process warning (`process.on('warning')`) and carries on. `cause` is what the callback threw.
 */
export class PoolCallbackError extends Error {
  /** Which callback threw. */
  readonly callback: string;

  constructor(callback: string, thrown: unknown) {
    const detail = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    super(`The pool's "${callback}" callback threw: ${detail}`, { cause: thrown });
    this.name = 'PoolCallbackError';
    this.callback = callback;
  }
}

/** Reports a callback's failure without disturbing the pool (see {@link PoolCallbackError}). */
export function reportCallbackError(callback: string, thrown: unknown): void {
  process.emitWarning(new PoolCallbackError(callback, thrown));
}

/** An argument that structured clone cannot carry; `path` names it, e.g. `items[3]`, `args[0]`. */
export function unsendableValue(path: string, detail: string): TypeError {
  return new TypeError(
    `Argument ${path} cannot be sent to a worker: ${detail}. ` +
      'Arguments must be structured-cloneable (no functions, symbols, promises or weak collections).',
  );
}

/**
 * WorkerDiedError saying what killed the worker when known: the uncaught error it reported as it
 * died (kept as `cause`, with its remote stack), or the backend's `reason` (a thread out of memory).
 */
export function workerDied(
  args: ConstructorParameters<typeof WorkerDiedError>,
  fatal: ErrorData | undefined,
  reason: string | undefined,
): WorkerDiedError {
  const error = new WorkerDiedError(...args);
  const why = fatal !== undefined ? `uncaught ${fatal.name}: ${fatal.message}` : reason;
  if (why === undefined) return error;
  const message = error.message;
  error.message = `${message}: ${why}`;
  // The stack's first line was written with the old message.
  error.stack = error.stack?.replace(message, error.message);
  if (fatal === undefined) return error;
  const remote = new Error(fatal.message);
  remote.name = fatal.name;
  if (fatal.stack !== undefined) remote.stack = fatal.stack;
  Object.defineProperty(error, 'cause', { value: remote, configurable: true, writable: true });
  if (fatal.stack) error.stack = `${error.stack ?? ''}\n\nRemote stack:\n${fatal.stack}`;
  return error;
}
