/**
 * `items-left-behind`: a queue still holding items when all its consumers have gone (the
 * `mpmc-naive` bug: a consumer stops at the first sentinel although several producers share it).
 *
 * Rule: the queue's last known depth (the `depth` of its last `queue-put`/`queue-get`) is above
 * zero, at least one actor ever got an item from it, and every such consumer has gone: it exited
 * (`process-exit`, or a process pool worker's `worker-exit`) after its last get, or it stopped
 * getting: its last get came before the queue last became non-empty, and the queue then held
 * items for at least {@link LEFT_BEHIND_GRACE_US} until the end of the trace (a live consumer
 * blocked in `get` would have taken one at once).
 */
import type { Insight } from '../../shared/insights';
import { listOf, plural } from './format';
import { actorKey, type TraceView } from './trace-view';

/** How long (µs) items must sit unclaimed before a consumer that did not exit counts as gone. */
export const LEFT_BEHIND_GRACE_US = 50_000;

interface QueueState {
  name: string;
  depth: number;
  lastIndex: number;
  /** When the queue last went from empty to holding items (undefined while empty). */
  nonEmptySince?: number;
  consumers: Map<string, { pid: number; tid: number; lastGetTs: number }>;
  puts: number;
  gets: number;
}

/** Finds queues left holding items after their consumers went; one insight per queue. */
export function detectItemsLeftBehind(view: TraceView): Insight[] {
  const queues = new Map<string, QueueState>();
  for (const i of view.order) {
    const e = view.events[i]!;
    if (e.type !== 'queue-put' && e.type !== 'queue-get') continue;
    let q = queues.get(e.objectId);
    if (!q) {
      q = { name: e.name, depth: 0, lastIndex: i, consumers: new Map(), puts: 0, gets: 0 };
      queues.set(e.objectId, q);
    }
    if (e.depth > 0 && q.depth === 0) q.nonEmptySince = e.ts;
    if (e.depth === 0) q.nonEmptySince = undefined;
    q.depth = e.depth;
    q.lastIndex = i;
    if (!e.ok) continue;
    if (e.type === 'queue-put') q.puts++;
    else {
      q.gets++;
      q.consumers.set(actorKey(e.pid, e.tid), { pid: e.pid, tid: e.tid, lastGetTs: e.ts });
    }
  }
  const insights: Insight[] = [];
  for (const [objectId, q] of queues) {
    if (q.depth === 0 || q.consumers.size === 0) continue;
    const since = q.nonEmptySince ?? view.endTs;
    const stale = view.endTs - since >= LEFT_BEHIND_GRACE_US;
    const gone: { name: string; how: string; ts: number; pid: number; event?: number }[] = [];
    for (const c of q.consumers.values()) {
      const exit = view.exitOf(c.pid, c.tid);
      const name = view.nameOf(c.pid, c.tid);
      if (exit !== undefined && exit >= c.lastGetTs) {
        gone.push({ name, how: 'exited', ts: exit, pid: c.pid, event: view.exitEventOf(c.pid, c.tid) });
      } else if (stale && c.lastGetTs <= since) {
        gone.push({ name, how: 'stopped getting', ts: c.lastGetTs, pid: c.pid });
      } else break;
    }
    if (gone.length < q.consumers.size) continue;
    const left = Math.max(...gone.map((g) => g.ts));
    const who =
      q.consumers.size === 1
        ? `its only consumer, ${gone[0]!.name}, had ${gone[0]!.how}`
        : `all ${q.consumers.size} of its consumers had gone (${listOf(gone.map((g) => `${g.name} ${g.how}`))})`;
    insights.push({
      kind: 'items-left-behind',
      severity: 'problem',
      message: `${q.name} still held ${plural(q.depth, 'item')} at the end, but ${who}: ${q.gets} of ${q.puts} items put were taken.`,
      evidence: {
        // From when the last consumer went: the stretch in which nobody would take the items.
        fromTs: left,
        toTs: view.endTs,
        objectIds: [objectId],
        pids: [...new Set(gone.map((g) => g.pid))],
        events: [...gone.flatMap((g) => (g.event === undefined ? [] : [g.event])), q.lastIndex].sort(
          (a, b) => view.events[a]!.ts - view.events[b]!.ts,
        ),
        details: { depth: q.depth, puts: q.puts, gets: q.gets, consumers: q.consumers.size },
      },
      fix:
        'let consumers stop only when every producer is done: put one sentinel per consumer after all ' +
        'producers have finished, or count the sentinels and stop after one per producer',
    });
  }
  return insights;
}
