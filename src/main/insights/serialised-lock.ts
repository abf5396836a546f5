/**
 * `serialised` (lock): a lock held across whole tasks. For one Lock, RLock or Condition, at
 * least {@link SERIAL_MIN_TASKS} single tasks (and half of them all) spent more than
 * {@link SERIAL_LOCK_COVER} of their time between a `lock-request` and its `lock-release` by an
 * actor of the task's process, inside the task's bounds; those tasks ran on at least 2 workers
 * and overlapped, yet the lock made them take turns. (A thread worker's events do not say which
 * thread ran a task: a lock span is matched to a task of its process that contains it.)
 */
import type { Insight } from '../../shared/insights';
import type { PrimitiveKind } from '../../shared/trace-schema';
import { formatPercent, plural } from './format';
import { MAX_TASK_IDS, SERIAL_MIN_TASKS, SERIAL_MIN_WORK_US } from './serial-limits';
import { work, type TaskSpan } from './tasks';
import { actorKey, type TraceView } from './trace-view';

/** Share of a task's time inside one lock span that makes the lock the task's bottleneck. */
export const SERIAL_LOCK_COVER = 0.8;

const MUTEX = new Set<PrimitiveKind>(['lock', 'rlock', 'condition']);

/** A lock's span for one actor: from its request (or acquire) to its release. */
interface LockSpan {
  lockId: string;
  from: number;
  acquired: number;
  to: number;
}

/** Lock spans of mutex-like locks, grouped by pid, sorted by start. */
function lockSpans(view: TraceView): { byPid: Map<number, LockSpan[]>; names: Map<string, string> } {
  const byPid = new Map<number, LockSpan[]>();
  const names = new Map<string, string>();
  const requested = new Map<string, number>();
  const acquired = new Map<string, { from: number; acquired: number }>();
  for (const i of view.order) {
    const e = view.events[i]!;
    if (e.type !== 'lock-request' && e.type !== 'lock-acquire' && e.type !== 'lock-release') continue;
    if (!MUTEX.has(e.kind)) continue;
    names.set(e.objectId, e.name);
    const key = `${actorKey(e.pid, e.tid)}/${e.objectId}`;
    if (e.type === 'lock-request') requested.set(key, e.ts);
    else if (e.type === 'lock-acquire') {
      const from = requested.get(key) ?? e.ts;
      requested.delete(key);
      if (e.outcome === 'acquired' || e.outcome === 'abandoned') acquired.set(key, { from, acquired: e.ts });
    } else {
      const held = acquired.get(key);
      if (!held) continue;
      acquired.delete(key);
      let list = byPid.get(e.pid);
      if (!list) byPid.set(e.pid, (list = []));
      list.push({ lockId: e.objectId, from: held.from, acquired: held.acquired, to: e.ts });
    }
  }
  for (const list of byPid.values()) list.sort((a, b) => a.from - b.from);
  return { byPid, names };
}

/** First position in `list` whose `from` is at least `ts`. */
function firstFrom(list: readonly LockSpan[], ts: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.from < ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Locks held across most of each of many tasks that would otherwise have overlapped. */
export function detectLockBound(view: TraceView, spans: readonly TaskSpan[], workers: number): Insight[] {
  const { byPid, names } = lockSpans(view);
  if (byPid.size === 0) return [];
  const single = spans.filter((t) => t.count === 1 && t.end > t.start);
  // lockId → the tasks it covered, with the best span found in each.
  const covered = new Map<string, { task: TaskSpan; span: LockSpan }[]>();
  for (const task of single) {
    const list = byPid.get(task.pid);
    if (!list) continue;
    const duration = task.end - task.start;
    const best = new Map<string, LockSpan>();
    for (let k = firstFrom(list, task.start); k < list.length && list[k]!.from <= task.end; k++) {
      const span = list[k]!;
      if (span.to > task.end || (span.to - span.from) / duration <= SERIAL_LOCK_COVER) continue;
      const seen = best.get(span.lockId);
      if (!seen || span.to - span.from > seen.to - seen.from) best.set(span.lockId, span);
    }
    for (const [lockId, span] of best) {
      let list2 = covered.get(lockId);
      if (!list2) covered.set(lockId, (list2 = []));
      list2.push({ task, span });
    }
  }
  const insights: Insight[] = [];
  for (const [lockId, hits] of covered) {
    const tasks = hits.map((h) => h.task);
    if (hits.length < SERIAL_MIN_TASKS || hits.length < single.length / 2) continue;
    if (new Set(tasks.map((t) => t.workerId)).size < 2 || work(tasks) < SERIAL_MIN_WORK_US) continue;
    const byStart = [...tasks].sort((a, b) => a.start - b.start);
    if (!byStart.some((t, k) => k > 0 && t.start < byStart[k - 1]!.end)) continue;
    const total = work(tasks);
    const inSpan = hits.reduce((sum, h) => sum + (h.span.to - h.span.from), 0);
    const held = hits.reduce((sum, h) => sum + (h.span.to - h.span.acquired), 0);
    const name = names.get(lockId)!;
    insights.push({
      kind: 'serialised',
      severity: 'warning',
      message:
        `${name} was held across whole tasks: ${hits.length} of ${plural(single.length, 'task')} spent ` +
        `${formatPercent(inSpan / total)} of their time waiting for it or holding it (held ${formatPercent(held / total)}), ` +
        `so the ${workers} workers took turns instead of running together.`,
      evidence: {
        fromTs: byStart[0]!.start,
        toTs: tasks.reduce((most, t) => Math.max(most, t.end), 0),
        objectIds: [lockId],
        taskIds: byStart.slice(0, MAX_TASK_IDS).map((t) => t.taskId),
        pids: [...new Set(tasks.map((t) => t.pid))],
        events: byStart.slice(0, MAX_TASK_IDS).map((t) => t.index),
        details: { tasks: hits.length, workers, lockedShare: inSpan / total, heldShare: held / total },
      },
      fix:
        `hold ${name} only around the shared step (the print, the update of shared state), not the whole ` +
        'task: compute first, then `await lock.withLock(() => …)` for the short critical section',
    });
  }
  return insights;
}
