/**
 * Messages every parent/child link of the runtime carries besides its own protocol (a pool
 * worker's `ToWorker`/`FromWorker`, a process's `ToChild`/`FromChild`): operations on primitives
 * owned by another context, their replies, and news of contexts that ended. A context forwards
 * what is not for it: calls go up the tree until they reach the primitive's owner, replies come
 * back down the same way. Errors travel as {@link ErrorData}.
 */
import type { ErrorData } from './errors';

/** Where a primitive lives: its owner context's address (`"<pid>.<threadId>"`) and number there. */
export interface PrimitiveAddress {
  owner: string;
  id: number;
}

/** An operation on a primitive, on its way to the owner (child → parent). */
export interface PrimCallMessage {
  type: 'prim-call';
  /** Chosen by the sender of this message; the reply names it. */
  callId: number;
  target: PrimitiveAddress;
  /** Operation name; each primitive documents its table of operations. */
  op: string;
  /** Plain data (structured-cloneable; primitives in it are in wire form). */
  args: unknown[];
  /** Address of the context the operation is performed for. */
  caller: string;
}

/**
 * A one-way operation (child → parent): the caller does not wait for it. Used where the outcome
 * is known in advance but for failures (a put on an unbounded queue, a remote release or set).
 * The link keeps order, so the owner performs it before anything the caller sends after it. A
 * failure comes back as a {@link PrimFaultMessage}.
 */
export interface PrimPostMessage {
  type: 'prim-post';
  target: PrimitiveAddress;
  op: string;
  args: unknown[];
  caller: string;
}

/**
 * One-way operations of one caller on one primitive, each with a single argument, one after
 * the other (child → parent). The frame channel makes one of consecutive {@link PrimPostMessage}s
 * it held while backed up (a producer's puts): one object for the run instead of one per
 * operation. The owner performs them in order, exactly as the separate messages.
 */
export interface PrimPostRunMessage {
  type: 'prim-post-run';
  target: PrimitiveAddress;
  op: string;
  caller: string;
  /** The argument of each operation (its `args` was `[value]`), in order. */
  values: unknown[];
}

/**
 * A one-way operation failed (parent → child, routed down to `caller`): the caller's next
 * operation on the same primitive rejects with it.
 */
export interface PrimFaultMessage {
  type: 'prim-fault';
  caller: string;
  target: PrimitiveAddress;
  op: string;
  error: ErrorData;
}

/** The caller gave up on a call (timeout, abort); the owner stops waiting for it. */
export interface PrimCancelMessage {
  type: 'prim-cancel';
  callId: number;
}

/** The outcome of a call (parent → child). `value` is left out when it is `undefined`. */
export type PrimReplyMessage =
  | { type: 'prim-reply'; callId: number; ok: true; value?: unknown }
  | { type: 'prim-reply'; callId: number; ok: false; error: ErrorData };

/** A context below the sender ended (child → parent, passed on to the root). */
export interface ContextExitMessage {
  type: 'context-exit';
  address: string;
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  signal: string | null;
}

/** Several link messages sent at once (made by the sender when calls are issued together). */
export interface LinkBatchMessage {
  type: 'link-batch';
  messages: LinkMessage[];
}

/** Every message of the link layer. */
export type LinkMessage =
  | PrimCallMessage
  | PrimPostMessage
  | PrimPostRunMessage
  | PrimFaultMessage
  | PrimCancelMessage
  | PrimReplyMessage
  | ContextExitMessage
  | LinkBatchMessage;

/** The `type` tags of {@link LinkMessage}, for routing a mixed stream. */
export const LINK_MESSAGE_TYPES: ReadonlySet<string> = new Set<LinkMessage['type']>([
  'prim-call',
  'prim-post',
  'prim-post-run',
  'prim-fault',
  'prim-cancel',
  'prim-reply',
  'context-exit',
  'link-batch',
]);
