/**
 * The router of one context: performs operations on primitives wherever they live. Objects this
 * context owns are served here (`own`); a call on any other object goes up the tree (`setUplink`)
 * until it reaches the owner; calls arriving from children (`attachChild`) are served or passed
 * on, and their replies routed back down. Messages to one link issued in the same tick leave as
 * one batch. Every pending call is settled exactly once: by a reply, or with an error when its
 * link goes away, so no caller waits on a context that no longer exists.
 */
import type {
  ContextExitMessage,
  LinkMessage,
  PrimCallMessage,
  PrimitiveAddress,
  PrimReplyMessage,
} from '../../../shared/link-protocol';
import { parseAddress, selfAddress, tagOf } from './identity';
import { errorFromData, errorToData } from './remote-errors';
import type { Caller, ContextExit, Served } from './served';

/** Sends one message on a link (throws when the message cannot be cloned). */
export type LinkSend = (message: LinkMessage) => void;

/** Queues messages for a link and sends those of one tick together. */
class Outbox {
  private queue: LinkMessage[] = [];
  private scheduled = false;

  constructor(
    private readonly send: LinkSend,
    /** Told about a message that could not be sent (after a batch failed, each is tried alone). */
    private readonly onUnsendable: (message: LinkMessage, error: unknown) => void,
  ) {}

  post(message: LinkMessage): void {
    this.queue.push(message);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.flush());
  }

  flush(): void {
    this.scheduled = false;
    const queue = this.queue;
    this.queue = [];
    if (queue.length === 0) return;
    try {
      this.send(queue.length === 1 ? queue[0]! : { type: 'link-batch', messages: queue });
      return;
    } catch {
      // One message in the batch cannot be cloned: send them one by one to find it.
    }
    for (const message of queue) {
      try {
        this.send(message);
      } catch (error) {
        this.onUnsendable(message, error);
      }
    }
  }
}

/** A call this context sent up, waiting for its reply. */
interface PendingUp {
  settle(reply: PrimReplyMessage): void;
}

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
  private readonly pending = new Map<number, PendingUp>();
  private readonly callers = new Map<string, Caller>();
  private uplink: Outbox | null = null;
  private nextCallId = 1;

  /** `address`: this context's (tests give routers of their own made-up addresses). */
  constructor(readonly address: string = selfAddress) {}

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

  /**
   * Performs `op` on the primitive at `target` for this context. `signal` asks the owner to give
   * up; an operation that completed before the request arrived keeps its result.
   */
  call(target: PrimitiveAddress, op: string, args: unknown[], signal?: AbortSignal): Promise<unknown> {
    if (target.owner === this.address)
      return this.serve(target, op, args, this.callerFor(this.address), signal);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const uplink = this.uplink;
    if (uplink === null) return Promise.reject(unreachable(target));
    return new Promise((resolve, reject) => {
      const callId = this.nextCallId++;
      const onAbort = (): void => uplink.post({ type: 'prim-cancel', callId });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(callId, {
        settle: (reply) => {
          signal?.removeEventListener('abort', onAbort);
          if (reply.ok) resolve(reply.value);
          else if (signal?.aborted && reply.error.name === 'AbortError') reject(signal.reason);
          else reject(errorFromData(reply.error, `owner ${target.owner}`));
        },
      });
      uplink.post({ type: 'prim-call', callId, target, op, args, caller: this.address });
    });
  }

  /**
   * The parent is gone: every call still waiting for it fails (this context cannot reach any
   * primitive it does not own any more).
   */
  uplinkClosed(): void {
    this.uplink = null;
    const pending = [...this.pending];
    this.pending.clear();
    for (const [callId, entry] of pending) {
      entry.settle({
        type: 'prim-reply',
        callId,
        ok: false,
        error: { code: 'worker-died', name: 'Error', message: 'The parent context is gone' },
      });
    }
  }

  /** Handles a link message from the parent (replies to calls this context sent up). */
  fromUplink(message: LinkMessage): void {
    if (message.type === 'link-batch') {
      for (const inner of message.messages) this.fromUplink(inner);
    } else if (message.type === 'prim-reply') {
      const entry = this.pending.get(message.callId);
      if (entry === undefined) return;
      this.pending.delete(message.callId);
      entry.settle(message);
    }
  }

  /** Registers a child link; `address` is the child context's own address. */
  attachChild(address: string, send: LinkSend): ChildPort {
    const outbox = new Outbox(send, (message, error) => {
      // A reply whose value cannot be cloned becomes an error reply.
      if (message.type === 'prim-reply' && message.ok) {
        outbox.post({ type: 'prim-reply', callId: message.callId, ok: false, error: errorToData(error) });
      }
    });
    const serving = new Map<number, AbortController>();
    /** Child call id → id of the same call sent further up. */
    const forwarded = new Map<number, number>();
    /** Contexts whose calls came through this link: all gone if the link goes. */
    const below = new Set<string>([address]);
    let open = true;

    const receive = (message: LinkMessage): void => {
      if (!open) return;
      switch (message.type) {
        case 'link-batch':
          for (const inner of message.messages) receive(inner);
          return;
        case 'prim-call':
          below.add(message.caller);
          this.fromChild(message, outbox, serving, forwarded);
          return;
        case 'prim-cancel': {
          serving.get(message.callId)?.abort(new DOMException('The caller gave up', 'AbortError'));
          const upId = forwarded.get(message.callId);
          if (upId !== undefined) this.uplink?.post({ type: 'prim-cancel', callId: upId });
          return;
        }
        case 'context-exit':
          below.delete(message.address);
          this.contextGone(message.address, { code: message.code, signal: message.signal });
          return;
        case 'prim-reply':
          return;
      }
    };

    const exited = (exit: ContextExit): void => {
      if (!open) return;
      open = false;
      for (const controller of serving.values())
        controller.abort(new DOMException('The caller died', 'AbortError'));
      serving.clear();
      for (const upId of forwarded.values()) this.uplink?.post({ type: 'prim-cancel', callId: upId });
      forwarded.clear();
      // The child first, then whatever lived below it (unreachable now, as good as dead).
      below.delete(address);
      this.contextGone(address, exit);
      for (const other of below) this.contextGone(other, { code: null, signal: 'SIGKILL' });
    };
    return { receive, exited };
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

  private fromChild(
    message: PrimCallMessage,
    outbox: Outbox,
    serving: Map<number, AbortController>,
    forwarded: Map<number, number>,
  ): void {
    const { callId, target, op, args, caller } = message;
    const reply = (settled: PrimReplyMessage): void => outbox.post(settled);
    if (target.owner === this.address) {
      const controller = new AbortController();
      serving.set(callId, controller);
      this.serve(target, op, args, this.callerFor(caller), controller.signal)
        .then(
          (value) => reply({ type: 'prim-reply', callId, ok: true, value }),
          (error: unknown) => reply({ type: 'prim-reply', callId, ok: false, error: errorToData(error) }),
        )
        .finally(() => serving.delete(callId));
      return;
    }
    const uplink = this.uplink;
    if (uplink === null) {
      reply({ type: 'prim-reply', callId, ok: false, error: errorToData(unreachable(target)) });
      return;
    }
    const upId = this.nextCallId++;
    forwarded.set(callId, upId);
    this.pending.set(upId, {
      settle: (settled) => {
        forwarded.delete(callId);
        reply({ ...settled, callId });
      },
    });
    uplink.post({ ...message, callId: upId });
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
    if (message.type !== 'prim-call') return;
    const entry = this.pending.get(message.callId);
    if (entry === undefined) return;
    this.pending.delete(message.callId);
    const detail = error instanceof Error ? error.message : String(error);
    entry.settle({
      type: 'prim-reply',
      callId: message.callId,
      ok: false,
      error: {
        code: 'workload-error',
        name: 'TypeError',
        message: `Arguments of "${message.op}" cannot be sent to the owner of the primitive: ${detail}`,
      },
    });
  }
}

function unreachable(target: PrimitiveAddress): Error {
  return new Error(
    `Primitive ${target.owner}/${target.id} is owned by a context that is neither this one nor one of ` +
      'its ancestors (primitives can be passed down to children, not sideways between them)',
  );
}

function unknownPrimitive(target: PrimitiveAddress): Error {
  return new Error(`No primitive ${target.owner}/${target.id} here: it was released or never existed`);
}

/** This context's router. */
export const router = new Router();
