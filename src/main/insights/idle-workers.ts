/**
 * `idle-workers`: the pool had more workers and cores than it kept busy, for most of its run.
 *
 * Rule: over the pool's run (first task start to last task end, at least
 * {@link UTIL_MIN_SPAN_US}), count the time during which fewer tasks ran than
 * min(cores, live workers). A worker is live from its first task's start (before it, it may
 * still be loading its task module, which is not traced) to its `worker-exit` (or the end); a
 * worker that never ran a task does not count (serialised.ts reports work left on one worker).
 * More than {@link UTIL_MOST} of the run → an insight. A batch counts as one busy worker.
 */
import type { Insight } from '../../shared/insights';
import { formatDuration, formatPercent, round } from './format';
import { busySteps, sweep, taskSpans, type Step } from './tasks';
import type { TraceView } from './trace-view';

/**
 * Shortest run (µs) these measures say anything about: in shorter ones, a worker loading its
 * task module (tens of ms, not traced) looks idle.
 */
export const UTIL_MIN_SPAN_US = 100_000;
/** "Most of the run": the share of the run a condition must hold for (well over half). */
export const UTIL_MOST = 0.6;

/** Finds a pool that left workers (and cores) idle most of the time. */
export function detectIdleWorkers(view: TraceView): Insight[] {
  const spans = taskSpans(view);
  if (spans.length === 0) return [];
  let from = Infinity;
  let to = -Infinity;
  for (const t of spans) {
    from = Math.min(from, t.start);
    to = Math.max(to, t.end);
  }
  if (to - from < UTIL_MIN_SPAN_US) return [];
  const firstStart = new Map<number, number>();
  for (const t of spans)
    firstStart.set(t.workerId, Math.min(firstStart.get(t.workerId) ?? Infinity, t.start));
  const alive: Step[] = [...firstStart].flatMap(([workerId, ts]) => [
    { ts, delta: 1 },
    { ts: view.workers.get(workerId)?.exitTs ?? to, delta: -1 },
  ]);
  const { cores } = view.context;
  let idle = 0;
  let busyTime = 0;
  let most = 0;
  sweep([busySteps(spans), alive], from, to, (dt, [busy, live]) => {
    if (busy! < Math.min(cores, live!)) idle += dt;
    busyTime += busy! * dt;
    most = Math.max(most, live!);
  });
  const run = to - from;
  if (idle / run <= UTIL_MOST) return [];
  const workers = most;
  return [
    {
      kind: 'idle-workers',
      severity: 'warning',
      message:
        `For ${formatPercent(idle / run)} of the pool's run (${formatDuration(idle)} of ${formatDuration(run)}), ` +
        `fewer workers had a task than could run at once (${workers} workers, ${cores} cores): ` +
        `${round(busyTime / run)} busy on average.`,
      evidence: {
        fromTs: from,
        toTs: to,
        pids: [...new Set(spans.map((t) => t.pid))],
        details: { idleShare: idle / run, averageBusy: busyTime / run, workers, cores },
      },
      fix:
        'give the pool more, smaller tasks at once: submit everything before awaiting results (`map`, or ' +
        '`applyAsync` for every task), with a smaller `chunksize` when tasks are few or uneven',
    },
  ];
}
