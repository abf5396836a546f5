/**
 * Who holds and who waits for each lock-like primitive, replayed from `lock-request`,
 * `lock-acquire` and `lock-release` events in time order. The runtime traces only an RLock's
 * outermost acquire and release, so one hold per actor is the rule; a Semaphore may have several
 * holders (and be released by anyone, so a release by a non-holder ends the oldest hold).
 */
import type {
  LockAcquireEvent,
  LockReleaseEvent,
  LockRequestEvent,
  PrimitiveKind,
} from '../../shared/trace-schema';
import { actorKey } from './trace-view';

/** One actor's hold of one lock. */
export interface Hold {
  actor: string;
  pid: number;
  tid: number;
  lockId: string;
  /** Unique per hold: two holds of the same lock by the same actor differ. */
  seq: number;
  /** Acquisitions not yet released (semaphores acquired twice by one actor). */
  count: number;
  ts: number;
  /** Index of the `lock-acquire` event. */
  index: number;
}

/** A `lock-request` whose `lock-acquire` has not come yet. */
export interface Pending {
  actor: string;
  pid: number;
  tid: number;
  lockId: string;
  ts: number;
  /** Index of the `lock-request` event. */
  index: number;
}

/** Replays lock events; feed them in time order. */
export class LockTracker {
  /** lockId → actor → hold. */
  readonly holders = new Map<string, Map<string, Hold>>();
  /** actor → lockId → hold. */
  readonly held = new Map<string, Map<string, Hold>>();
  /** lockId → actor → pending request. */
  readonly pending = new Map<string, Map<string, Pending>>();
  /** actor → lockId → pending request. */
  readonly waiting = new Map<string, Map<string, Pending>>();
  /** lockId → what the events say it is. */
  readonly info = new Map<string, { kind: PrimitiveKind; name: string }>();
  private nextSeq = 1;

  /** A `lock-request`: the actor now waits for the lock. */
  request(e: LockRequestEvent, index: number): Pending {
    this.info.set(e.objectId, { kind: e.kind, name: e.name });
    const actor = actorKey(e.pid, e.tid);
    const request: Pending = { actor, pid: e.pid, tid: e.tid, lockId: e.objectId, ts: e.ts, index };
    inner(this.pending, e.objectId).set(actor, request);
    inner(this.waiting, actor).set(e.objectId, request);
    return request;
  }

  /** A `lock-acquire`: the wait ended; returns the new hold when the lock was taken. */
  acquire(e: LockAcquireEvent, index: number): { request?: Pending; hold?: Hold } {
    this.info.set(e.objectId, { kind: e.kind, name: e.name });
    const actor = actorKey(e.pid, e.tid);
    const request = this.pending.get(e.objectId)?.get(actor);
    if (request) {
      this.pending.get(e.objectId)!.delete(actor);
      this.waiting.get(actor)!.delete(e.objectId);
    }
    if (e.outcome !== 'acquired' && e.outcome !== 'abandoned') return { request };
    const holders = inner(this.holders, e.objectId);
    const existing = holders.get(actor);
    if (existing) {
      existing.count++;
      return { request, hold: existing };
    }
    const hold: Hold = {
      actor,
      pid: e.pid,
      tid: e.tid,
      lockId: e.objectId,
      seq: this.nextSeq++,
      count: 1,
      ts: e.ts,
      index,
    };
    holders.set(actor, hold);
    inner(this.held, actor).set(e.objectId, hold);
    return { request, hold };
  }

  /** A `lock-release`: returns the hold it ended, if one ended. */
  release(e: LockReleaseEvent): Hold | undefined {
    const holders = this.holders.get(e.objectId);
    if (!holders || holders.size === 0) return undefined;
    // Anyone may release a Lock or a Semaphore: without a hold of its own, the oldest one ends.
    const hold = holders.get(actorKey(e.pid, e.tid)) ?? holders.values().next().value!;
    // A forced release (the holder died) ends the hold whatever its depth.
    if (e.forced === true) hold.count = 1;
    if (--hold.count > 0) return undefined;
    holders.delete(hold.actor);
    this.held.get(hold.actor)?.delete(e.objectId);
    return hold;
  }

  /** The locks `actor` holds now (lockId → hold), or undefined when none. */
  heldBy(actor: string): ReadonlyMap<string, Hold> | undefined {
    const held = this.held.get(actor);
    return held && held.size > 0 ? held : undefined;
  }
}

function inner<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = outer.get(key);
  if (!map) outer.set(key, (map = new Map()));
  return map;
}
