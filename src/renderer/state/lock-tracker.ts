/**
 * Turns lock-request / lock-acquire / lock-release events into waits and holds per actor, and
 * contention statistics per lock. Events of one actor on one lock arrive in order (they are
 * born in one place: the actor's own thread for a lock in its process, the owner for a remote
 * one); events of different actors may not, so nothing here depends on their relative order.
 *
 * Contended: a wait on a Lock, RLock or Condition that overlapped another actor's hold (it
 * queued behind that holder). The two are matched when the later of them finishes: an acquire
 * looks at recent finished holds, a release at recent finished waits, so the count is the same
 * whichever arrives first. Wait time alone cannot tell: an uncontended request served by the
 * owner process already takes tens to hundreds of µs at the owner. Should the runtime add
 * `waited: boolean` to lock-acquire, it is used as is.
 */
import type { LockAcquireEvent, LockReleaseEvent, LockRequestEvent } from '../../shared/trace-schema';
import {
  actorKey,
  MIN_WAIT_SPAN_US,
  RECENT_LOCK_INTERVALS,
  SEMAPHORE_CONTENDED_US,
  type LockInterval,
  type LockRecord,
  type LockSpan,
  type OpenLock,
} from './activity-types';
import type { DraftMap } from './draft-map';

/** What the tracker changes in one batch. */
export interface LockDraft {
  locks: DraftMap<string, LockRecord>;
  open: DraftMap<string, readonly OpenLock[]>;
  /** Spans finished in this batch, appended to the log at commit. */
  spans: LockSpan[];
}

type LockEvent = LockRequestEvent | LockAcquireEvent | LockReleaseEvent;

function blankLock(e: LockEvent): LockRecord {
  return {
    objectId: e.objectId,
    name: e.name,
    kind: e.kind,
    requests: 0,
    acquisitions: 0,
    contended: 0,
    timeouts: 0,
    cancelled: 0,
    abandoned: 0,
    forced: 0,
    totalWaitUs: 0,
    maxWaitUs: 0,
    holds: 0,
    totalHoldUs: 0,
    maxHoldUs: 0,
    recent: { holds: [], waits: [] },
  };
}

/** Mutual exclusion: a wait overlapping another actor's hold was a wait for that holder. */
function isMutex(lock: LockRecord): boolean {
  return lock.kind === 'lock' || lock.kind === 'rlock' || lock.kind === 'condition';
}

function overlaps(a: LockInterval, b: LockInterval): boolean {
  return a.actor !== b.actor && a.startTs < b.endTs && b.startTs < a.endTs;
}

/**
 * Appends to a recent list in place, dropping the oldest beyond the limit. In place is safe: a
 * batch works on its own copy of each lock it touches, `recent` lists included (see the lock
 * map's clone in activity-reducer.ts), so no earlier state sees the change.
 */
function pushRecent(list: readonly LockInterval[], item: LockInterval): void {
  const own = list as LockInterval[];
  if (own.length >= RECENT_LOCK_INTERVALS) own.shift();
  own.push(item);
}

/** What any primitive event says about who did what to which object. */
type PrimitiveOp = Omit<LockRequestEvent, 'type'>;

function openKey(e: PrimitiveOp): string {
  return `${actorKey(e.pid, e.tid)}|${e.objectId}`;
}

/** The list under `key` without item `index` (the key removed when it empties). */
function removeAt(open: DraftMap<string, readonly OpenLock[]>, key: string, index: number): void {
  const list = open.get(key) ?? [];
  const rest = list.filter((_, i) => i !== index);
  if (rest.length === 0) open.delete(key);
  else open.set(key, rest);
}

function lastIndex(list: readonly OpenLock[], phase: OpenLock['phase']): number {
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.phase === phase) return i;
  return -1;
}

/**
 * A wait that is not for a lock (an Event's `wait`, a Barrier's arrival) starts: it is drawn
 * like a lock's wait, in the object's colour, but counts in no lock's statistics.
 */
export function beginWait(draft: LockDraft, e: PrimitiveOp): void {
  const key = openKey(e);
  const wait: OpenLock = {
    actor: actorKey(e.pid, e.tid),
    objectId: e.objectId,
    name: e.name,
    kind: e.kind,
    phase: 'wait',
    startTs: e.ts,
    outcome: null,
    waitUs: 0,
  };
  draft.open.set(key, [...(draft.open.get(key) ?? []), wait]);
}

/** The wait {@link beginWait} started ends with `outcome` (`acquired`: the event was set, the barrier passed). */
export function endWait(draft: LockDraft, e: PrimitiveOp, outcome: LockSpan['outcome']): void {
  const key = openKey(e);
  const list = draft.open.get(key) ?? [];
  const at = lastIndex(list, 'wait');
  if (at < 0) return;
  const wait = list[at]!;
  removeAt(draft.open, key, at);
  const waitUs = Math.max(0, e.ts - wait.startTs);
  if (outcome === 'acquired' && waitUs < MIN_WAIT_SPAN_US) return;
  draft.spans.push({ ...wait, endTs: Math.max(wait.startTs, e.ts), outcome, forced: false, waitUs });
}

/** Applies one lock event. */
export function applyLockEvent(draft: LockDraft, e: LockEvent): void {
  const lock = draft.locks.draft(e.objectId, () => blankLock(e));
  lock.name = e.name;
  const key = openKey(e);
  const actor = actorKey(e.pid, e.tid);
  const base = { actor, objectId: e.objectId, name: e.name, kind: e.kind };
  switch (e.type) {
    case 'lock-request':
      draft.open.set(key, [
        ...(draft.open.get(key) ?? []),
        { ...base, phase: 'wait', startTs: e.ts, outcome: null, waitUs: 0 },
      ]);
      return;
    case 'lock-acquire':
      acquire(draft, lock, e, key, base);
      return;
    case 'lock-release':
      release(draft, lock, e, key);
      return;
  }
}

function acquire(
  draft: LockDraft,
  lock: LockRecord,
  e: LockAcquireEvent,
  key: string,
  base: Pick<OpenLock, 'actor' | 'objectId' | 'name' | 'kind'>,
): void {
  const list = draft.open.get(key) ?? [];
  const at = lastIndex(list, 'wait');
  // A request this page never saw (dropped by the host's cap) counts as no wait.
  const startTs = at >= 0 ? list[at]!.startTs : e.ts;
  if (at >= 0) removeAt(draft.open, key, at);
  const waitUs = Math.max(0, e.ts - startTs);
  lock.requests++;
  lock.totalWaitUs += waitUs;
  lock.maxWaitUs = Math.max(lock.maxWaitUs, waitUs);
  const took = e.outcome === 'acquired' || e.outcome === 'abandoned';
  // Waits worth seeing get a box of their own; a hold carries its (short) wait either way.
  if (!took || waitUs >= MIN_WAIT_SPAN_US) {
    draft.spans.push({
      ...base,
      phase: 'wait',
      startTs,
      endTs: e.ts,
      outcome: e.outcome,
      forced: false,
      waitUs,
    });
  }
  if (e.outcome === 'timeout') lock.timeouts++;
  if (e.outcome === 'cancelled') lock.cancelled++;
  if (!took) return;
  lock.acquisitions++;
  if (e.outcome === 'abandoned') lock.abandoned++;
  const wait: LockInterval = { actor: base.actor, startTs, endTs: e.ts };
  const waited = (e as { waited?: unknown }).waited;
  if (typeof waited === 'boolean') {
    if (waited) lock.contended++;
  } else if (!isMutex(lock)) {
    if (waitUs >= SEMAPHORE_CONTENDED_US) lock.contended++;
  } else if (lock.recent.holds.some((hold) => overlaps(wait, hold))) {
    lock.contended++;
  } else if (waitUs > 0) {
    // Its holder's release may still be on the way: the release matches it then.
    pushRecent(lock.recent.waits, wait);
  }
  draft.open.set(key, [
    ...(draft.open.get(key) ?? []),
    { ...base, phase: 'hold', startTs: e.ts, outcome: e.outcome, waitUs },
  ]);
}

function release(draft: LockDraft, lock: LockRecord, e: LockReleaseEvent, key: string): void {
  let holdKey = key;
  let at = lastIndex(draft.open.get(key) ?? [], 'hold');
  if (at < 0) {
    // A plain Lock or a Semaphore may be released by another context than the one holding it.
    for (const [other, list] of draft.open.entries()) {
      if (!other.endsWith(`|${e.objectId}`)) continue;
      const i = list.findIndex((o) => o.phase === 'hold');
      if (i >= 0) {
        holdKey = other;
        at = i;
        break;
      }
    }
  }
  if (e.forced === true) lock.forced++;
  if (at < 0) return;
  const hold = draft.open.get(holdKey)![at]!;
  removeAt(draft.open, holdKey, at);
  const holdUs = Math.max(0, e.ts - hold.startTs);
  lock.holds++;
  lock.totalHoldUs += holdUs;
  lock.maxHoldUs = Math.max(lock.maxHoldUs, holdUs);
  if (isMutex(lock)) {
    const interval: LockInterval = {
      actor: hold.actor,
      startTs: hold.startTs,
      endTs: Math.max(hold.startTs, e.ts),
    };
    // Waits that finished before this hold arrived and overlapped it were waits for it.
    const matched = lock.recent.waits.filter((w) => overlaps(w, interval));
    lock.contended += matched.length;
    pushRecent(lock.recent.holds, interval);
    if (matched.length > 0) {
      lock.recent = {
        holds: lock.recent.holds,
        waits: lock.recent.waits.filter((w) => !matched.includes(w)),
      };
    }
  }
  draft.spans.push({
    phase: 'hold',
    actor: hold.actor,
    objectId: hold.objectId,
    name: hold.name,
    kind: hold.kind,
    startTs: hold.startTs,
    endTs: Math.max(hold.startTs, e.ts),
    outcome: hold.outcome ?? 'acquired',
    forced: e.forced === true,
    waitUs: hold.waitUs,
  });
}
