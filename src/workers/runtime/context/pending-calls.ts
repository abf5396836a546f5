/**
 * The calls a context sent up to its parent and still waits on, by call id. Each is settled
 * exactly once: by its reply, or with an error when it cannot be sent or the parent is gone, so
 * no caller waits on a context that no longer exists.
 */
import type { PrimReplyMessage } from '../../../shared/link-protocol';

/** How a pending call is settled: with its reply (or one made up for a failure). */
export type SettleCall = (reply: PrimReplyMessage) => void;

/** The calls sent up and waiting for their replies. */
export class PendingCalls {
  private readonly waiting = new Map<number, SettleCall>();
  private nextCallId = 1;

  /** Registers a call about to be sent; returns the call id its message must carry. */
  add(settle: SettleCall): number {
    const callId = this.nextCallId++;
    this.waiting.set(callId, settle);
    return callId;
  }

  /** Settles the call `reply` answers (a reply to a call already settled is ignored). */
  reply(reply: PrimReplyMessage): void {
    this.take(reply.callId)?.(reply);
  }

  /** The parent is gone: every call still waiting fails. */
  failAll(): void {
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const [callId, settle] of waiting) {
      settle({
        type: 'prim-reply',
        callId,
        ok: false,
        error: { code: 'worker-died', name: 'Error', message: 'The parent context is gone' },
      });
    }
  }

  /** Call `callId` could not be sent (its arguments do not serialise): it fails with why. */
  unsendable(callId: number, op: string, error: unknown): void {
    const settle = this.take(callId);
    if (settle === undefined) return;
    const detail = error instanceof Error ? error.message : String(error);
    settle({
      type: 'prim-reply',
      callId,
      ok: false,
      error: {
        code: 'workload-error',
        name: 'TypeError',
        message: `Arguments of "${op}" cannot be sent to the owner of the primitive: ${detail}`,
      },
    });
  }

  private take(callId: number): SettleCall | undefined {
    const settle = this.waiting.get(callId);
    if (settle !== undefined) this.waiting.delete(callId);
    return settle;
  }
}
