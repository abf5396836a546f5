/**
 * `deadlock` (cycles): a cycle in the wait-for graph of locks, at any time of the trace.
 *
 * Graph: an actor with a pending `lock-request` (no `lock-acquire` yet) on a Lock, RLock or
 * Condition waits for that lock's holder (the actor of its last `lock-acquire` not yet
 * released); an edge waiter → holder. Semaphores are left out: a waiter on one waits for any of
 * its holders, or for anyone at all to release it, so a cycle through one proves nothing.
 * A cycle is checked whenever an edge appears (a request on a held lock, or a lock taken while
 * others wait for it); a Lock requested again by its holder is a cycle of one (not re-entrant).
 *
 * A cycle is reported when it lasted: either until the end of the trace (they wait forever), or
 * until one of its requests gave up (timeout or cancel: the deadlock was broken only by that).
 * If a lock of the cycle is released first (a Lock may be released by another context), it was
 * not a deadlock and nothing is reported. Queues, pipes, joins and results cannot be part of
 * the graph: their blocked waits leave no event until they end. Waits on a peer that exited are
 * {@link detectGonePeers}'s.
 */
import type { Insight } from '../../shared/insights';
import type { PrimitiveKind } from '../../shared/trace-schema';
import { formatDuration } from './format';
import { LockTracker, type Hold, type Pending } from './lock-tracker';
import type { TraceView } from './trace-view';

/** Kinds whose single holder is who a waiter waits for. */
const MUTEX = new Set<PrimitiveKind>(['lock', 'rlock', 'condition']);

/** One edge of a cycle: `request` (of its waiter) waits for `hold`. */
interface Edge {
  request: Pending;
  hold: Hold;
}

interface Cycle {
  edges: Edge[];
  locks: Set<string>;
  key: string;
  closedTs: number;
  /** How it ended: the request that gave up (and how), or undefined while it lasts. */
  brokenBy?: { request: Pending; outcome: string; ts: number; index: number };
}

/** Path of edges from `from` to `to` in the wait-for graph, or undefined. */
function findPath(locks: LockTracker, from: string, to: string): Edge[] | undefined {
  const back = new Map<string, Edge | null>([[from, null]]);
  const queue = [from];
  for (let q = 0; q < queue.length; q++) {
    const actor = queue[q]!;
    if (actor === to) {
      const path: Edge[] = [];
      for (let edge = back.get(to); edge; edge = back.get(edge.request.actor)) path.unshift(edge);
      return path;
    }
    for (const request of locks.waiting.get(actor)?.values() ?? []) {
      if (!MUTEX.has(locks.info.get(request.lockId)!.kind)) continue;
      for (const hold of locks.holders.get(request.lockId)?.values() ?? []) {
        if (back.has(hold.actor)) continue;
        back.set(hold.actor, { request, hold });
        queue.push(hold.actor);
      }
    }
  }
  return undefined;
}

/** Finds lock cycles that lasted (to the end, or until a timeout broke them). */
export function detectDeadlocks(view: TraceView): Insight[] {
  const { events } = view;
  const locks = new LockTracker();
  const open: Cycle[] = [];
  const done: Cycle[] = [];
  const seen = new Set<string>();
  // The new edge `request` → `hold` closes a cycle when the holder already waits (transitively) for the requester.
  const check = (request: Pending, hold: Hold, ts: number): void => {
    // Only a Lock blocks its own holder (an RLock's re-acquire is not even traced).
    if (request.actor === hold.actor && locks.info.get(request.lockId)!.kind !== 'lock') return;
    const path = request.actor === hold.actor ? [] : findPath(locks, hold.actor, request.actor);
    if (!path) return;
    const edges = [{ request, hold }, ...path];
    const key = edges
      .map((edge) => edge.request.index)
      .sort((a, b) => a - b)
      .join(',');
    if (seen.has(key)) return;
    seen.add(key);
    open.push({ edges, locks: new Set(edges.map((edge) => edge.request.lockId)), key, closedTs: ts });
  };
  for (const i of view.order) {
    const e = events[i]!;
    if (e.type === 'lock-request') {
      const request = locks.request(e, i);
      if (!MUTEX.has(e.kind)) continue;
      for (const hold of locks.holders.get(e.objectId)?.values() ?? []) check(request, hold, e.ts);
    } else if (e.type === 'lock-acquire') {
      const { request, hold } = locks.acquire(e, i);
      if (request) {
        for (let c = open.length - 1; c >= 0; c--) {
          const cycle = open[c]!;
          if (!cycle.edges.some((edge) => edge.request === request)) continue;
          open.splice(c, 1);
          // Taken: someone let go, so it was no deadlock. Given up: only that broke it.
          if (e.outcome === 'timeout' || e.outcome === 'cancelled') {
            cycle.brokenBy = { request, outcome: e.outcome, ts: e.ts, index: i };
            done.push(cycle);
          }
        }
      }
      if (hold?.count === 1 && MUTEX.has(e.kind)) {
        for (const waiter of locks.pending.get(e.objectId)?.values() ?? []) check(waiter, hold, e.ts);
      }
    } else if (e.type === 'lock-release') {
      if (!locks.release(e)) continue;
      for (let c = open.length - 1; c >= 0; c--) if (open[c]!.locks.has(e.objectId)) open.splice(c, 1);
    }
  }
  return [...done, ...open].map((cycle) => describe(view, locks, cycle));
}

function describe(view: TraceView, locks: LockTracker, cycle: Cycle): Insight {
  const name = (x: { pid: number; tid: number }) => view.nameOf(x.pid, x.tid);
  const lockName = (id: string) => locks.info.get(id)!.name;
  const self = cycle.edges.length === 1;
  const first = cycle.edges[0]!;
  const chain = self
    ? `${name(first.request)} asked for ${lockName(first.request.lockId)} while already holding it, ` +
      'and a Lock is not re-entrant: it waits for itself'
    : cycle.edges
        .map(
          (edge) =>
            `${name(edge.request)} waits for ${lockName(edge.request.lockId)} held by ${name(edge.hold)}`,
        )
        .join(', ');
  const broken = cycle.brokenBy;
  const tail = broken
    ? `; it ended only when ${name(broken.request)}'s wait for ${lockName(broken.request.lockId)} ` +
      `${broken.outcome === 'timeout' ? 'timed out' : 'was cancelled'} after ${formatDuration(broken.ts - broken.request.ts)}`
    : `; none of them can go on (stuck for ${formatDuration(view.endTs - cycle.closedTs)} until the end of the trace)`;
  const lockNames = [...new Set(cycle.edges.map((edge) => lockName(edge.request.lockId)))].sort();
  const fix = self
    ? 'use an RLock, which its holder may acquire again, or release the lock before asking for it again'
    : `take the locks in one fixed order everywhere (e.g. always ${lockNames.join(', then ')}), ` +
      'or acquire with a `timeout` and, when it runs out, release what you hold and retry';
  const indexes = cycle.edges.flatMap((edge) => [edge.hold.index, edge.request.index]);
  if (broken) indexes.push(broken.index);
  return {
    kind: 'deadlock',
    severity: 'problem',
    message: `Deadlock: ${chain}${tail}.`,
    evidence: {
      fromTs: Math.min(...cycle.edges.map((edge) => edge.hold.ts)),
      toTs: broken ? broken.ts : view.endTs,
      objectIds: [...cycle.locks],
      pids: [...new Set(cycle.edges.map((edge) => edge.request.pid))],
      events: [...new Set(indexes)].sort((a, b) => view.events[a]!.ts - view.events[b]!.ts),
      details: { actors: cycle.edges.length, locks: lockNames, brokenBy: broken?.outcome ?? null },
    },
    fix,
  };
}
