/**
 * A parent's end of one child link (router.ts `attachChild`): what the child and every context
 * below it send comes in here. Calls for objects this context owns are served, others are passed
 * up and their replies routed back; one-way operations likewise, with only a failure coming back
 * (`prim-fault`). When the link goes, every call it carried is abandoned and every context that
 * used it is reported gone.
 */
import type {
  ContextExitMessage,
  LinkMessage,
  PrimCallMessage,
  PrimFaultMessage,
  PrimitiveAddress,
  PrimPostMessage,
  PrimPostRunMessage,
  PrimReplyMessage,
} from '../../../shared/link-protocol';
import { Outbox, type LinkSend } from './outbox';
import { errorToData } from './remote-errors';
import type { ContextExit } from './served';

/** What a child link needs from its router. */
export interface LinkHost {
  readonly address: string;
  /**
   * Performs `op` on an object owned here for the context at `caller`, as the object does it:
   * its result, a promise of it, or a throw.
   */
  serveNow(target: PrimitiveAddress, op: string, args: unknown[], caller: string): unknown;
  /** Performs `op` on an object owned here, for the context at `caller`. */
  serveFor(
    target: PrimitiveAddress,
    op: string,
    args: unknown[],
    caller: string,
    signal: AbortSignal | undefined,
  ): Promise<unknown>;
  /** Whether `op` on the owned object at `target` may wait (then it can be cancelled). */
  mayWait(target: PrimitiveAddress, op: string): boolean;
  /** Sends a call up; `settle` gets its reply. Returns its id up there, or null without an uplink. */
  callUp(message: PrimCallMessage, settle: (reply: PrimReplyMessage) => void): number | null;
  /** Sends a message up as it is; false without an uplink. */
  sendUp(
    message:
      PrimPostMessage | PrimPostRunMessage | ContextExitMessage | { type: 'prim-cancel'; callId: number },
  ): boolean;
  /** A context ended (see Router.contextGone). */
  contextGone(address: string, exit: ContextExit): void;
  /** Where faults for `address` go down: this link, or nowhere (`null`). */
  route(address: string, link: ChildLink | null): void;
  /** The link faults for `address` go down, if any. */
  routeOf(address: string): ChildLink | undefined;
}

/** The error for an operation on an object that is neither here nor above. */
export function unreachable(target: PrimitiveAddress): Error {
  return new Error(
    `Primitive ${target.owner}/${target.id} is owned by a context that is neither this one nor one of ` +
      'its ancestors (primitives can be passed down to children, not sideways between them)',
  );
}

/** A parent's end of one child link. */
export class ChildLink {
  private readonly outbox: Outbox;
  private readonly serving = new Map<number, AbortController>();
  /** Child call id → id of the same call sent further up. */
  private readonly forwarded = new Map<number, number>();
  /** Contexts whose operations came through this link: all gone if the link goes. */
  private readonly below: Set<string>;
  private open = true;

  constructor(
    private readonly host: LinkHost,
    private readonly address: string,
    send: LinkSend,
  ) {
    this.below = new Set([address]);
    this.outbox = new Outbox(send, (message, error) => {
      // A reply whose value cannot be cloned becomes an error reply.
      if (message.type === 'prim-reply' && message.ok) {
        this.post({ type: 'prim-reply', callId: message.callId, ok: false, error: errorToData(error) });
      }
    });
  }

  /** Queues a message down this link. */
  post(message: LinkMessage): void {
    this.outbox.post(message);
  }

  /** Hands the router a link message the child sent. */
  readonly receive = (message: LinkMessage): void => {
    if (!this.open) return;
    switch (message.type) {
      case 'link-batch':
        for (const inner of message.messages) this.receive(inner);
        return;
      case 'prim-call':
        this.below.add(message.caller);
        this.call(message);
        return;
      case 'prim-post':
      case 'prim-post-run':
        this.below.add(message.caller);
        if (this.host.routeOf(message.caller) !== this) this.host.route(message.caller, this);
        this.oneWay(message);
        return;
      case 'prim-cancel': {
        this.serving.get(message.callId)?.abort(new DOMException('The caller gave up', 'AbortError'));
        const upId = this.forwarded.get(message.callId);
        if (upId !== undefined) this.host.sendUp({ type: 'prim-cancel', callId: upId });
        return;
      }
      case 'context-exit':
        this.below.delete(message.address);
        if (this.host.routeOf(message.address) === this) this.host.route(message.address, null);
        this.host.contextGone(message.address, { code: message.code, signal: message.signal });
        return;
      case 'prim-reply':
      case 'prim-fault':
        // Only ever sent down the tree.
        return;
    }
  };

  /** The child ended: its calls are abandoned, and everything below it is reported gone. */
  readonly exited = (exit: ContextExit): void => {
    if (!this.open) return;
    this.open = false;
    for (const controller of this.serving.values())
      controller.abort(new DOMException('The caller died', 'AbortError'));
    this.serving.clear();
    for (const upId of this.forwarded.values()) this.host.sendUp({ type: 'prim-cancel', callId: upId });
    this.forwarded.clear();
    for (const other of this.below) if (this.host.routeOf(other) === this) this.host.route(other, null);
    // The child first, then whatever lived below it (unreachable now, as good as dead).
    this.below.delete(this.address);
    this.host.contextGone(this.address, exit);
    for (const other of this.below) this.host.contextGone(other, { code: null, signal: 'SIGKILL' });
  };

  private call(message: PrimCallMessage): void {
    const { callId, target, op, args, caller } = message;
    if (target.owner === this.host.address) {
      // Only an operation that may wait needs a way to stop it (a signal costs about a µs).
      const controller = this.host.mayWait(target, op) ? new AbortController() : null;
      if (controller !== null) this.serving.set(callId, controller);
      this.host.serveFor(target, op, args, caller, controller?.signal).then(
        (value) => {
          if (controller !== null) this.serving.delete(callId);
          // Left out when undefined, which keeps the reply plain JSON (frames.ts).
          this.post(
            value === undefined
              ? { type: 'prim-reply', callId, ok: true }
              : { type: 'prim-reply', callId, ok: true, value },
          );
        },
        (error: unknown) => {
          if (controller !== null) this.serving.delete(callId);
          this.post({ type: 'prim-reply', callId, ok: false, error: errorToData(error) });
        },
      );
      return;
    }
    const upId = this.host.callUp(message, (settled) => {
      this.forwarded.delete(callId);
      this.post({ ...settled, callId });
    });
    if (upId === null) {
      this.post({ type: 'prim-reply', callId, ok: false, error: errorToData(unreachable(target)) });
    } else {
      this.forwarded.set(callId, upId);
    }
  }

  /** One-way operations from below: performed here, or passed up; only a failure answers. */
  private oneWay(message: PrimPostMessage | PrimPostRunMessage): void {
    const { target, op, caller } = message;
    if (target.owner !== this.host.address) {
      if (!this.host.sendUp(message)) this.fault(caller, target, op, unreachable(target));
      return;
    }
    if (message.type === 'prim-post') {
      this.perform(target, op, message.args, caller);
      return;
    }
    for (const value of message.values) this.perform(target, op, [value], caller);
  }

  /** Performs one one-way operation on an object owned here. */
  private perform(target: PrimitiveAddress, op: string, args: unknown[], caller: string): void {
    // Most one-way operations complete at once: no promise unless the object made one.
    let result: unknown;
    try {
      result = this.host.serveNow(target, op, args, caller);
    } catch (error) {
      this.fault(caller, target, op, error);
      return;
    }
    if (typeof (result as PromiseLike<unknown> | null)?.then === 'function') {
      (result as PromiseLike<unknown>).then(undefined, (error: unknown) =>
        this.fault(caller, target, op, error),
      );
    }
  }

  /** Tells the caller of a one-way operation that it failed (see faults.ts). */
  private fault(caller: string, target: PrimitiveAddress, op: string, error: unknown): void {
    const fault: PrimFaultMessage = { type: 'prim-fault', caller, target, op, error: errorToData(error) };
    this.post(fault);
  }
}
