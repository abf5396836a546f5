/**
 * Messages between a `Process` (the parent) and its child, process or thread. The same channel
 * also carries the link layer's messages (src/shared/link-protocol.ts) both ways, and the
 * child's trace batches up; the parent tells them apart by `type`.
 */
import type { ErrorData } from './errors';
import type { TraceChunk } from './trace-chunk';
import type { TaskRef } from './worker-protocol';

/** Parent → child. */
export type ToChild = {
  type: 'start';
  /** The function to run. */
  target: TaskRef;
  /** Its arguments, primitives in wire form. */
  args: unknown[];
  /** The Process's name (Python's `Process-1`, `Process-1:2`, …). */
  name: string;
  /** The Process's identity, Python's `_identity`: the child names its own children from it. */
  identity: number[];
  /** Whether the child records trace events (they come back as `trace` messages). */
  tracing: boolean;
  /** A daemon child ends as soon as its parent is gone. */
  daemon: boolean;
};

/** Child → parent. */
export type FromChild =
  /** The child joined the context tree and is about to load its target. */
  | { type: 'started' }
  /**
   * The target threw (or rejected), or could not be loaded (`load`): the child exits with code 1
   * after this, having printed the stack to its stderr.
   */
  | { type: 'failed'; error: ErrorData; load: boolean }
  /** Trace events of the child and of everything below it, packed (trace-chunk.ts). */
  | { type: 'trace'; chunk: TraceChunk }
  /**
   * Output of the child's own children, passed up instead of written to the child's stdout, so
   * that the context that writes it to the terminal does not take it for the child's.
   */
  | { type: 'output'; stream: 'stdout' | 'stderr'; data: Uint8Array }
  /** The last message: the child exits with `code` once it is out. */
  | { type: 'exiting'; code: number };
