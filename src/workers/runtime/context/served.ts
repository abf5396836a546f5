/**
 * The owner's side of a primitive: the object that holds its state and performs operations for
 * any context, local or remote. The router (router.ts) finds it by id and calls `serve`; what
 * `serve` returns (or the promise it returns) is the reply, and what it throws travels back to
 * the caller as error data and is thrown there again. Errors never cross a boundary as throws.
 */
import type { Actor } from '../../../shared/trace-schema';
import type { PrimitiveInfo } from './identity';

/** The context an operation is performed for. */
export interface Caller extends Actor {
  /** `"<pid>.<threadId>"` of the calling context. */
  readonly address: string;
  /** Its holder tag (see identity.ts `tagOf`). */
  readonly tag: number;
}

/** How a context ended, as its parent saw it. */
export interface ContextExit {
  code: number | null;
  signal: string | null;
}

/** An object the router can serve operations on. */
export interface Served {
  readonly info: PrimitiveInfo;
  /**
   * Performs `op` with `args` for `caller`. `signal` aborts when the caller gave up (its own
   * timeout, an AbortSignal, or its death): a blocking operation must then stop waiting and leave
   * no trace of itself in the object's state (a cancelled `get` must not swallow an item).
   * Throws (or rejects) with a TypeError/RangeError or a runtime error class on failure.
   */
  serve(op: string, args: readonly unknown[], caller: Caller, signal: AbortSignal): unknown;
  /**
   * The ops that may wait (acquire, get…). When given, a remote call of any other op is served
   * without an AbortSignal of its own (it gets one that never aborts): it cannot be cancelled.
   */
  readonly waitingOps?: ReadonlySet<string>;
  /**
   * A context that used this object has ended (`exit.code !== 0` or a signal: it died). Locks it
   * held are released and marked abandoned; waiters that can no longer be satisfied are failed.
   */
  callerGone?(caller: Caller, exit: ContextExit): void;
}

/** `waitingOps` of an object none of whose ops waits. */
export const NO_WAITING_OPS: ReadonlySet<string> = new Set();
