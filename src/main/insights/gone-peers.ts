/**
 * `deadlock` (gone peers): waiting on a peer that has exited, which in Python waits forever.
 *
 * - A lock request still pending at the end of the trace, whose lock's holders all exited
 *   (`process-exit`, or a process pool worker's `worker-exit`) without releasing it: a problem.
 * - A lock acquired `abandoned` (the runtime released it for a holder that died, as POSIX robust
 *   mutexes do): the program went on, but its holder died mid-critical-section: a warning.
 * - A `queue-get` that failed with `peer-gone` (it waited for an item from a producer that died):
 *   the runtime ended a wait that would have lasted forever: a warning, one per queue.
 */
import type { Insight } from '../../shared/insights';
import type { LockReleaseEvent, QueueGetEvent } from '../../shared/trace-schema';
import { formatDuration, listOf, plural } from './format';
import { LockTracker } from './lock-tracker';
import type { TraceView } from './trace-view';

const RELEASE_IN_FINALLY =
  'release locks in `finally`: `await lock.withLock(fn)` or `await using held = await lock.hold()` ' +
  'let go even when the work throws or the context ends';

/** Finds waits on peers that exited; kind `deadlock`. */
export function detectGonePeers(view: TraceView): Insight[] {
  const { events } = view;
  const name = (x: { pid: number; tid: number }) => view.nameOf(x.pid, x.tid);
  const locks = new LockTracker();
  const insights: Insight[] = [];
  // The dead holder: the hold a forced release ended (its event's actor is whoever found the
  // holder dead: the runtime acting for it, or, for a lock in shared memory, the next acquirer).
  const forced = new Map<
    string,
    { e: LockReleaseEvent; holder: { pid: number; tid: number }; index: number }
  >();
  const starved = new Map<string, { events: number[]; callers: Set<string> }>();
  for (const i of view.order) {
    const e = events[i]!;
    if (e.type === 'lock-request') locks.request(e, i);
    else if (e.type === 'lock-release') {
      const ended = locks.release(e);
      if (e.forced) forced.set(e.objectId, { e, holder: ended ?? e, index: i });
    } else if (e.type === 'lock-acquire') {
      locks.acquire(e, i);
      if (e.outcome !== 'abandoned') continue;
      const dead = forced.get(e.objectId);
      const who = dead
        ? `${name(dead.holder)} exited while holding ${e.name}`
        : `${e.name}'s holder died holding it`;
      insights.push({
        kind: 'deadlock',
        severity: 'warning',
        message:
          `${who}; ${name(e)} then acquired it marked abandoned (LockAbandonedError), ` +
          'where Python would have waited forever.',
        evidence: {
          fromTs: dead ? dead.e.ts : e.ts,
          toTs: e.ts,
          objectIds: [e.objectId],
          pids: dead ? [...new Set([dead.holder.pid, dead.e.pid, e.pid])] : [e.pid],
          events: dead ? [dead.index, i] : [i],
        },
        fix: `${RELEASE_IN_FINALLY}; after LockAbandonedError, check the state the lock protects before going on`,
      });
    } else if (e.type === 'queue-get' && !e.ok && e.error === 'peer-gone') {
      let entry = starved.get(e.objectId);
      if (!entry) starved.set(e.objectId, (entry = { events: [], callers: new Set() }));
      entry.events.push(i);
      entry.callers.add(name(e));
    }
  }
  for (const [objectId, entry] of starved) insights.push(describeStarved(view, objectId, entry));
  // Still waiting at the end for a lock whose every holder is gone.
  for (const [lockId, waiters] of locks.pending) {
    const holders = [...(locks.holders.get(lockId)?.values() ?? [])];
    if (waiters.size === 0 || holders.length === 0) continue;
    const exits = holders.map((h) => view.exitOf(h.pid, h.tid));
    if (exits.some((ts, k) => ts === undefined || ts < holders[k]!.ts)) continue;
    const alive = [...waiters.values()].filter((w) => view.exitOf(w.pid, w.tid) === undefined);
    if (alive.length === 0) continue;
    const lockName = locks.info.get(lockId)!.name;
    const lastExit = Math.max(...(exits as number[]));
    const exitEvents = holders.map((h) => view.exitEventOf(h.pid, h.tid)!);
    insights.push({
      kind: 'deadlock',
      severity: 'problem',
      message:
        `${listOf(alive.map(name))} ${alive.length === 1 ? 'waits' : 'wait'} for ${lockName}, but ` +
        `${listOf(holders.map(name))}, holding it, exited without releasing it ` +
        `(${formatDuration(view.endTs - lastExit)} before the end of the trace): they would wait forever.`,
      evidence: {
        fromTs: Math.min(...holders.map((h) => h.ts)),
        toTs: view.endTs,
        objectIds: [lockId],
        pids: [...new Set([...holders, ...alive].map((x) => x.pid))],
        events: [...holders.map((h) => h.index), ...exitEvents, ...alive.map((w) => w.index)],
      },
      fix: RELEASE_IN_FINALLY,
    });
  }
  return insights;
}

function describeStarved(
  view: TraceView,
  objectId: string,
  entry: { events: number[]; callers: Set<string> },
): Insight {
  const gets = entry.events.map((i) => view.events[i] as QueueGetEvent);
  const first = gets[0]!;
  return {
    kind: 'deadlock',
    severity: 'warning',
    message:
      `${listOf([...entry.callers])} waited on ${first.name} for items from a producer that had died ` +
      `(${plural(gets.length, 'wait')} ended by the runtime with PeerGoneError; in Python they would wait forever).`,
    evidence: {
      fromTs: first.ts,
      toTs: gets[gets.length - 1]!.ts,
      objectIds: [objectId],
      pids: [...new Set(gets.map((g) => g.pid))],
      events: entry.events,
    },
    fix:
      'make every producer put its end-of-work sentinel in a `finally` block, so its consumers learn it is ' +
      'done even when it fails, and give `get` a `timeout` where a producer may die',
  };
}
