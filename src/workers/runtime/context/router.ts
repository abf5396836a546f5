/**
 * The router of one context: performs operations on primitives wherever they live. Objects this
 * context owns are served here (`own`); a call on any other object goes up the tree (`setUplink`)
 * until it reaches the owner; calls arriving from children (`attachChild`) are served or passed
 * on, and their replies routed back down. Messages to one link issued in the same tick leave as
 * one batch. Every pending call is settled exactly once: by a reply, or with an error when its
 * link goes away, so no caller waits on a context that no longer exists. A one-way operation
 * (`post`) gets no reply: the link's order puts it before the caller's next message, and only a
 * failure comes back (`prim-fault`), reported by the caller's next operation on the primitive.
 */
import type {
  ContextExitMessage,
  LinkMessage,
  PrimFaultMessage,
  PrimitiveAddress,
} from '../../../shared/link-protocol';
import { parseAddress, selfAddress, tagOf } from './identity';
import { ChildLink, unreachable, type LinkHost } from './child-link';
import { Faults } from './faults';
import { Outbox, type LinkSend } from './outbox';
import { PendingCalls } from './pending-calls';
import { errorFromData } from './remote-errors';
import type { Caller, ContextExit, Served } from './served';

export type { LinkSend } from './outbox';

/** How backed up the uplink's channel is (see {@link Router.uplinkPressure}). */
export type UplinkPressure = () => Promise<void> | null;

/** What a parent keeps for one child link. */
export interface ChildPort {
  /** Hands the router a link message the child sent. */
  receive(message: LinkMessage): void;
  /** The child ended: its calls are abandoned, and everything below it is reported gone. */
  exited(exit: ContextExit): void;
}

const NEVER = new AbortController().signal;

/** Routes primitive operations for this context. One per context: {@link router}. */
export class Router {
  private readonly owned = new Map<number, Served>();
  /** Calls this context sent up (its own, and its children's passed on), awaiting replies. */
  private readonly pending = new PendingCalls();
  private readonly callers = new Map<string, Caller>();
  /** Failures of this context's one-way operations, for its next operation on the primitive. */
  private readonly faults = new Faults();
  /** Context address → the child link its one-way operations came through (for their faults). */
  private readonly routes = new Map<string, ChildLink>();
  private uplink: Outbox | null = null;
  private pressure: UplinkPressure | null = null;

  /** What child links use of this router (child-link.ts). */
  private readonly host: LinkHost;

  /** `address`: this context's (tests give routers of their own made-up addresses). */
  constructor(readonly address: string = selfAddress) {
    this.host = {
      address,
      serveNow: (target, op, args, caller) => {
        const served = this.owned.get(target.id);
        if (served === undefined) throw unknownPrimitive(target);
        return served.serve(op, args, this.callerFor(caller), NEVER);
      },
      serveFor: (target, op, args, caller, signal) =>
        this.serve(target, op, args, this.callerFor(caller), signal),
      mayWait: (target, op) => this.owned.get(target.id)?.waitingOps?.has(op) ?? true,
      callUp: (message, settle) => {
        const uplink = this.uplink;
        if (uplink === null) return null;
        const upId = this.pending.add(settle);
        uplink.post({ ...message, callId: upId });
        return upId;
      },
      sendUp: (message) => {
        if (this.uplink === null) return false;
        this.uplink.post(message);
        return true;
      },
      contextGone: (gone, exit) => this.contextGone(gone, exit),
      route: (caller, link) => {
        if (link === null) this.routes.delete(caller);
        else this.routes.set(caller, link);
      },
      routeOf: (caller) => this.routes.get(caller),
    };
  }

  /** Registers an object this context owns, under `served.info.id`. */
  own(served: Served): void {
    this.owned.set(served.info.id, served);
  }

  /** The object this context owns under `id`, if any. */
  local(id: number): Served | undefined {
    return this.owned.get(id);
  }

  /** Whether calls can leave this context (false in the root). */
  get hasUplink(): boolean {
    return this.uplink !== null;
  }

  /** The caller record for a context address (tags are stable per address). */
  callerFor(address: string): Caller {
    let caller = this.callers.get(address);
    if (caller === undefined) {
      const actor = parseAddress(address) ?? { pid: 0, tid: 0 };
      caller = Object.freeze({ address, pid: actor.pid, tid: actor.tid, tag: tagOf(address) });
      this.callers.set(address, caller);
    }
    return caller;
  }

  /** Connects this context to its parent. Link messages from the parent go to {@link fromUplink}. */
  setUplink(send: LinkSend): void {
    this.uplink = new Outbox(send, (message, error) => this.unsendable(message, error));
  }

  /** How backed up the uplink's channel is (frame-socket.ts; null: it never backs up). */
  setUplinkPressure(pressure: UplinkPressure | null): void {
    this.pressure = pressure;
  }

  /**
   * Null while the uplink takes more at once, else a promise resolved once what waits there has
   * left: a loop of one-way puts awaits it, so what it sent leaves while it goes on.
   */
  uplinkPressure(): Promise<void> | null {
    return this.pressure === null ? null : this.pressure();
  }

  /**
   * Performs `op` on the primitive at `target` for this context. `signal` asks the owner to give
   * up; an operation that completed before the request arrived keeps its result.
   */
  call(target: PrimitiveAddress, op: string, args: unknown[], signal?: AbortSignal): Promise<unknown> {
    const fault = this.faults.take(target);
    if (fault !== null) return Promise.reject(fault);
    if (target.owner === this.address)
      return this.serve(target, op, args, this.callerFor(this.address), signal);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const uplink = this.uplink;
    if (uplink === null) return Promise.reject(unreachable(target));
    return new Promise((resolve, reject) => {
      const callId = this.pending.add((reply) => {
        signal?.removeEventListener('abort', onAbort);
        if (reply.ok) resolve(reply.value);
        else if (signal?.aborted && reply.error.name === 'AbortError') reject(signal.reason);
        else reject(errorFromData(reply.error, `owner ${target.owner}`));
      });
      const onAbort = (): void => uplink.post({ type: 'prim-cancel', callId });
      signal?.addEventListener('abort', onAbort, { once: true });
      uplink.post({ type: 'prim-call', callId, target, op, args, caller: this.address });
    });
  }

  /**
   * Performs `op` on the primitive at `target` without waiting for the owner (see module docs).
   * Throws the failure of an earlier one-way operation on it, if one came back (nothing is sent
   * then), or when the owner cannot be reached from here. Performed at once when owned here.
   */
  post(target: PrimitiveAddress, op: string, args: unknown[]): void {
    const fault = this.faults.take(target);
    if (fault !== null) throw fault;
    if (target.owner === this.address) {
      const served = this.owned.get(target.id);
      if (served === undefined) throw unknownPrimitive(target);
      void this.serve(target, op, args, this.callerFor(this.address), undefined).catch((error: unknown) =>
        this.faults.record(target, op, error instanceof Error ? error : new Error(String(error))),
      );
      return;
    }
    const uplink = this.uplink;
    if (uplink === null) throw unreachable(target);
    uplink.post({ type: 'prim-post', target, op, args, caller: this.address });
  }

  /**
   * Sends what this context queued for its parent now. A message sent on the same channel
   * outside the router (a task's result) must follow the one-way operations made before it.
   */
  flushUplink(): void {
    this.uplink?.flush();
  }

  /**
   * The parent is gone: every call still waiting for it fails (this context cannot reach any
   * primitive it does not own any more).
   */
  uplinkClosed(): void {
    this.uplink = null;
    this.pending.failAll();
  }

  /** Handles a link message from the parent (replies to calls this context sent up). */
  fromUplink(message: LinkMessage): void {
    if (message.type === 'link-batch') {
      for (const inner of message.messages) this.fromUplink(inner);
    } else if (message.type === 'prim-reply') {
      this.pending.reply(message);
    } else if (message.type === 'prim-fault') {
      this.fault(message);
    }
  }

  /** A one-way operation failed: kept here if it was this context's, else passed down. */
  private fault(message: PrimFaultMessage): void {
    if (message.caller === this.address) {
      const error = errorFromData(message.error, `owner ${message.target.owner}`);
      this.faults.record(message.target, message.op, error);
    } else {
      this.routes.get(message.caller)?.post(message);
    }
  }

  /** Registers a child link; `address` is the child context's own address. */
  attachChild(address: string, send: LinkSend): ChildPort {
    return new ChildLink(this.host, address, send);
  }

  /**
   * A context ended: every owned object hears of it (a lock it held is released), and the news
   * goes up, since primitives it used may live further up.
   */
  contextGone(address: string, exit: ContextExit): void {
    const caller = this.callerFor(address);
    for (const served of this.owned.values()) {
      try {
        served.callerGone?.(caller, exit);
      } catch {
        // One object's bookkeeping must not stop the others'.
      }
    }
    const message: ContextExitMessage = { type: 'context-exit', address, ...exit };
    this.uplink?.post(message);
  }

  private serve(
    target: PrimitiveAddress,
    op: string,
    args: unknown[],
    caller: Caller,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const served = this.owned.get(target.id);
    if (served === undefined) return Promise.reject(unknownPrimitive(target));
    try {
      return Promise.resolve(served.serve(op, args, caller, signal ?? NEVER));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** A call this context could not send up: it fails at once with the reason. */
  private unsendable(message: LinkMessage, error: unknown): void {
    if (message.type === 'prim-post') {
      const detail = error instanceof Error ? error.message : String(error);
      const unsent = new TypeError(`Arguments of "${message.op}" cannot be sent to the owner: ${detail}`);
      this.faults.record(message.target, message.op, unsent);
      return;
    }
    if (message.type === 'prim-call') this.pending.unsendable(message.callId, message.op, error);
  }
}

function unknownPrimitive(target: PrimitiveAddress): Error {
  return new Error(`No primitive ${target.owner}/${target.id} here: it was released or never existed`);
}

/** This context's router. */
export const router = new Router();
