/**
 * Every error the runtime raises, made in one place so that messages stay uniform and tests can
 * match on the thing they name. Misuse by the caller is a TypeError (wrong kind of value) or a
 * RangeError (right kind, out of range); failures of the work itself are the classes below.
 */
import { describeValue, type ErrorCode, type ErrorData } from '../../shared/errors';
import type { TaskRef } from '../../shared/worker-protocol';

export { describeValue };

/** A bad constructor option: TypeError for the wrong type, RangeError for a value out of range. */
export function invalidOption(
  name: string,
  detail: string,
  value: unknown,
  kind: 'type' | 'range',
): TypeError | RangeError {
  const message = `Invalid option "${name}": ${detail} (got ${describeValue(value)})`;
  return kind === 'type' ? new TypeError(message) : new RangeError(message);
}

/** A bad method argument: TypeError for the wrong type, RangeError for a value out of range. */
export function invalidArgument(
  name: string,
  detail: string,
  value: unknown,
  kind: 'type' | 'range',
): TypeError | RangeError {
  const message = `Invalid argument "${name}": ${detail} (got ${describeValue(value)})`;
  return kind === 'type' ? new TypeError(message) : new RangeError(message);
}

/** A value that is not a usable {@link TaskRef}; `field` names the argument or property at fault. */
export function invalidTaskRef(field: string, detail: string, value: unknown): TypeError {
  return new TypeError(`Invalid task reference "${field}": ${detail} (got ${describeValue(value)})`);
}

/** An argument that structured clone cannot carry to a worker (functions, symbols, …). */
export function unserializableArgument(index: number, detail: string): TypeError {
  return new TypeError(
    `Argument items[${index}] cannot be sent to a worker: ${detail}. ` +
      'Arguments must be structured-cloneable (no functions, symbols or class methods).',
  );
}

/** Where a failed task ran, as far as the pool knows. */
export interface TaskErrorContext {
  task: TaskRef;
  /** Position of the failing item in the caller's input. */
  index: number;
  workerId: number;
  pid: number | undefined;
}

/**
 * A task threw in a worker. Like Python's pool, the caller gets the remote error's name, message
 * and stack; `stack` shows the caller's stack followed by the remote one.
 */
export class RemoteTaskError extends Error {
  /** `name` of the error thrown in the worker (e.g. "RangeError"). */
  readonly remoteName: string;
  /** Stack of the error as thrown in the worker (empty when the task threw a non-Error). */
  readonly remoteStack: string;
  /** Export name of the task that threw. */
  readonly taskName: string;
  /** Position of the failing item in the caller's input. */
  readonly index: number;
  readonly workerId: number;
  readonly pid: number | undefined;

  constructor(data: ErrorData, context: TaskErrorContext) {
    super(data.message);
    this.name = 'RemoteTaskError';
    this.remoteName = data.name;
    this.remoteStack = data.stack ?? '';
    this.taskName = context.task.name;
    this.index = context.index;
    this.workerId = context.workerId;
    this.pid = context.pid;
    if (this.remoteStack) {
      this.stack = `${this.stack ?? ''}\n\nRemote stack (worker ${context.workerId}, pid ${context.pid}):\n${this.remoteStack}`;
    }
  }
}

/** The task's module could not be imported, or it has no such exported function. */
export class TaskLoadError extends Error {
  readonly module: string;
  readonly exportName: string;
  /** Stack of the import failure in the worker, when there was one. */
  readonly remoteStack: string;

  constructor(task: TaskRef, data: ErrorData) {
    super(`Cannot load task "${task.name}" from module "${task.module}": ${data.message}`);
    this.name = 'TaskLoadError';
    this.module = task.module;
    this.exportName = task.name;
    this.remoteStack = data.stack ?? '';
  }
}

/** A worker process ended while it owed the pool a result (or before it became ready). */
export class WorkerDiedError extends Error {
  readonly workerId: number;
  readonly pid: number | undefined;
  /** Exit code, or null when a signal ended it. */
  readonly code: number | null;
  readonly signal: string | null;

  constructor(
    workerId: number,
    pid: number | undefined,
    code: number | null,
    signal: string | null,
    when: 'task' | 'startup',
  ) {
    const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`;
    const during = when === 'task' ? 'while running a task' : 'before it became ready';
    super(`Worker ${workerId} (pid ${pid ?? 'unknown'}) ${how} ${during}`);
    this.name = 'WorkerDiedError';
    this.workerId = workerId;
    this.pid = pid;
    this.code = code;
    this.signal = signal;
  }
}

/** The pool was used in a state that does not allow the call (like Python's "Pool not running"). */
export class PoolStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoolStateError';
  }
}

/** The pool was terminated while the call was pending. */
export class PoolTerminatedError extends Error {
  constructor() {
    super('The pool was terminated before the call completed');
    this.name = 'PoolTerminatedError';
  }
}

/** `map()` (or another method) on a pool that is closed or terminated. */
export function poolNotRunning(method: string, state: 'closed' | 'terminated'): PoolStateError {
  return new PoolStateError(
    `Pool is not running: ${method}() called after ${state === 'closed' ? 'close' : 'terminate'}()`,
  );
}

/** Turns anything a task threw into data that can cross a process boundary. */
export function serializeThrown(thrown: unknown, code: ErrorCode): ErrorData {
  if (thrown instanceof Error) {
    const data: ErrorData = { code, name: thrown.name, message: thrown.message };
    if (thrown.stack !== undefined) data.stack = thrown.stack;
    return data;
  }
  return { code, name: 'Error', message: `Non-error thrown: ${describeValue(thrown)}` };
}

/**
 * Converts a runtime error into {@link ErrorData} for reporting across a boundary (e.g. from a
 * session process to the host): remote task failures keep the remote stack. Errors that are not
 * the runtime's own get `fallbackCode`.
 */
export function toErrorData(error: unknown, fallbackCode: ErrorCode = 'workload-error'): ErrorData {
  if (error instanceof RemoteTaskError) {
    return {
      code: 'workload-error',
      name: error.remoteName,
      message: error.message,
      stack: error.remoteStack,
    };
  }
  if (error instanceof WorkerDiedError)
    return { code: 'worker-died', name: error.name, message: error.message };
  if (error instanceof TaskLoadError) {
    return { code: 'not-found', name: error.name, message: error.message, stack: error.remoteStack };
  }
  // Any other runtime error that carries a remote stack (InitializerError, …) keeps it.
  const remoteStack = error instanceof Error ? (error as { remoteStack?: unknown }).remoteStack : undefined;
  if (error instanceof Error && typeof remoteStack === 'string' && remoteStack !== '') {
    return { code: 'workload-error', name: error.name, message: error.message, stack: remoteStack };
  }
  return serializeThrown(error, fallbackCode);
}
