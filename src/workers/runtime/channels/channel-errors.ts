/**
 * Errors of queues and pipes, named after the Python exceptions they stand for (`queue.Full`,
 * `queue.Empty`, `EOFError`, `BrokenPipeError`). Each class takes only a message, so the caller's
 * side can rebuild it from error data (`name` + `message`) with {@link reviveChannelError}; the
 * factories below write the messages, naming the object (`Queue-3`) and what happened.
 */
import type { PrimitiveInfo } from '../context/identity';
import { invalidArgument } from '../errors';

/** `put` on a full queue did not block (`putNowait`, `block: false`) or timed out. Python: `queue.Full`. */
export class QueueFullError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueFullError';
  }
}

/** `get` on an empty queue did not block (`getNowait`, `block: false`) or timed out. Python: `queue.Empty`. */
export class QueueEmptyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueEmptyError';
  }
}

/** The queue was closed: no more puts, and nothing left to get. Python raises `ValueError`. */
export class QueueClosedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueClosedError';
  }
}

/**
 * A context on the other side of a queue died, so the wait could never end (Python hangs here):
 * a producer died while a consumer waited on an empty queue, a consumer died while a producer
 * waited on a full one, or a consumer died holding items it never marked done while `join` waited.
 */
export class PeerGoneError extends Error {
  /** Pids of the dead contexts, as named in the message. */
  readonly pids: readonly number[];

  constructor(message: string) {
    super(message);
    this.name = 'PeerGoneError';
    // Parsed back from the message so a revived error keeps them.
    const list = /\(pids? ([\d, ]+)\)/.exec(message)?.[1] ?? '';
    this.pids = list
      .split(',')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  }
}

/** A pipe end cannot be used: it was closed, or its peer closed or ended with nothing left to read. Python: `EOFError` / `OSError`. */
export class PipeClosedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PipeClosedError';
  }
}

/** `send` to a pipe whose other end was closed. Python: `BrokenPipeError`. */
export class BrokenPipeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrokenPipeError';
  }
}

/** `recv` with a timeout got no message in time (Python's `recv` has no timeout). */
export class PipeTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PipeTimeoutError';
  }
}

const CLASSES = {
  QueueFullError,
  QueueEmptyError,
  QueueClosedError,
  PeerGoneError,
  PipeClosedError,
  BrokenPipeError,
  PipeTimeoutError,
} as const satisfies Record<string, new (message: string) => Error>;

/** Rebuilds a channel error from its `name` and `message` (error data), or null for another name. */
export function reviveChannelError(name: string, message: string): Error | null {
  if (!Object.hasOwn(CLASSES, name)) return null;
  return new CLASSES[name as keyof typeof CLASSES](message);
}

function waited(timeoutMs: number | null): string {
  return timeoutMs !== null && timeoutMs > 0 ? ` (waited ${timeoutMs} ms)` : '';
}

/** `name` is full. */
export function queueFull(info: PrimitiveInfo, timeoutMs: number | null): QueueFullError {
  return new QueueFullError(`${info.name} is full${waited(timeoutMs)}`);
}

/** `name` is empty. */
export function queueEmpty(info: PrimitiveInfo, timeoutMs: number | null): QueueEmptyError {
  return new QueueEmptyError(`${info.name} is empty${waited(timeoutMs)}`);
}

/** `name` is closed (`op` names what was refused). */
export function queueClosed(info: PrimitiveInfo, op: string): QueueClosedError {
  const detail = op === 'put' ? 'no more items can be put' : 'and has no items left';
  return new QueueClosedError(`${info.name} is closed: ${op}() refused, ${detail}`);
}

/** The contexts `pids` died; `why` says what the waiter was waiting for. */
export function peerGone(info: PrimitiveInfo, pids: readonly number[], why: string): PeerGoneError {
  const list = `pid${pids.length === 1 ? '' : 's'} ${pids.join(', ')}`;
  return new PeerGoneError(`${info.name}: ${why}, but ${pids.length === 1 ? 'it' : 'they'} died (${list})`);
}

/** End `end` of pipe `info` cannot be used for `op`: `detail` says why. */
export function pipeClosed(info: PrimitiveInfo, end: 0 | 1, op: string, detail: string): PipeClosedError {
  return new PipeClosedError(`${info.name} end ${end}: ${op}() failed: ${detail}`);
}

/** `send` on end `end` of `info`: the other end is closed. */
export function brokenPipe(info: PrimitiveInfo, end: 0 | 1): BrokenPipeError {
  return new BrokenPipeError(`${info.name} end ${end}: send() failed: the other end (${1 - end}) is closed`);
}

/** `recv` on end `end` of `info` timed out. */
export function pipeTimeout(info: PrimitiveInfo, end: 0 | 1, timeoutMs: number): PipeTimeoutError {
  return new PipeTimeoutError(`${info.name} end ${end}: recv() got no message within ${timeoutMs} ms`);
}

/** An op name the object does not have. */
export function unknownOp(info: PrimitiveInfo, op: unknown): TypeError | RangeError {
  return invalidArgument('op', `is not an operation of ${info.name}`, op, 'type');
}

/** `taskDone()` with no unfinished item. Python: `ValueError('task_done() called too many times')`. */
export function taskDoneTooOften(info: PrimitiveInfo): RangeError {
  return new RangeError(`${info.name}: taskDone() called more times than items were put`);
}

/** `op` on the wrong end of a one-way pipe (Python: `OSError('connection is read-only')`). */
export function wrongDirection(info: PrimitiveInfo, end: 0 | 1, op: string): TypeError | RangeError {
  const role =
    end === 0
      ? 'the receiving end of a one-way pipe, it cannot send'
      : 'the sending end of a one-way pipe, it cannot receive';
  return invalidArgument('end', `of ${info.name} is ${role} (${op}() refused)`, end, 'type');
}
