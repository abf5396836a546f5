/**
 * Failures of one-way operations (link-protocol.ts `prim-post`), kept until the caller's next
 * operation on the same primitive, which then rejects with the failure instead of running. A
 * one-way put, release or set resolves before the owner has performed it (as Python's `put`
 * returns before its feeder thread has sent the item), so this is the first moment the caller
 * can hear of it.
 */
import type { PrimitiveAddress } from '../../../shared/link-protocol';

function keyOf(target: PrimitiveAddress): string {
  return `${target.owner}/${target.id}`;
}

/** Failures waiting for the caller's next operation, by primitive. */
export class Faults {
  private readonly byTarget = new Map<string, Error>();

  /** Keeps `error`, the failure of one-way `op` on `target` (the first one, if several). */
  record(target: PrimitiveAddress, op: string, error: Error): void {
    const key = keyOf(target);
    if (this.byTarget.has(key)) return;
    // Same class (QueueClosedError, RangeError…), with a message that says it came late.
    error.message = `An earlier ${op}() of this context failed: ${error.message}`;
    this.byTarget.set(key, error);
  }

  /** The failure kept for `target`, removed (it is reported once), or null. */
  take(target: PrimitiveAddress): Error | null {
    if (this.byTarget.size === 0) return null;
    const key = keyOf(target);
    const error = this.byTarget.get(key);
    if (error === undefined) return null;
    this.byTarget.delete(key);
    return error;
  }
}
