/**
 * `oversubscribed`: more runnable workers and processes than cores, for most of the run.
 *
 * Runnable at a time = pool workers running a task (a batch counts as one) + `Process` children
 * alive (`process-start` to `process-exit`, pool workers' own starts not counted twice) − child
 * contexts waiting for a lock (`lock-request` to `lock-acquire`). The main program is not
 * counted. The trace cannot tell a task that computes from one that sleeps or waits on a queue,
 * so this is `info`: it matters for CPU-bound work. Over the active run (first start to last
 * end, at least {@link UTIL_MIN_SPAN_US}), more than `context.cores` runnable for more than
 * {@link UTIL_MOST} of it → an insight.
 */
import type { Insight } from '../../shared/insights';
import { formatDuration, formatPercent, round } from './format';
import { UTIL_MIN_SPAN_US, UTIL_MOST } from './idle-workers';
import { busySteps, sweep, taskSpans, type Step } from './tasks';
import { actorKey, type TraceView } from './trace-view';

/** Finds runs that kept more contexts runnable than there were cores. */
export function detectOversubscribed(view: TraceView): Insight[] {
  const spans = taskSpans(view);
  const processes: Step[] = [];
  const waits: Step[] = [];
  const pids = new Set(spans.map((t) => t.pid));
  const workerPids = new Set(
    [...view.workers.values()].filter((w) => w.backend === 'process').map((w) => w.pid),
  );
  const started = new Map<string, number>();
  const requested = new Map<string, number>();
  for (const i of view.order) {
    const e = view.events[i]!;
    if (e.type === 'process-start' && !workerPids.has(e.pid)) {
      started.set(actorKey(e.pid, e.tid), e.ts);
      processes.push({ ts: e.ts, delta: 1 });
      pids.add(e.pid);
    } else if (e.type === 'process-exit' && started.delete(actorKey(e.pid, e.tid))) {
      processes.push({ ts: e.ts, delta: -1 });
    } else if (e.type === 'lock-request' && view.isChild(e.pid, e.tid)) {
      requested.set(`${actorKey(e.pid, e.tid)}/${e.objectId}`, e.ts);
    } else if (e.type === 'lock-acquire') {
      const key = `${actorKey(e.pid, e.tid)}/${e.objectId}`;
      const ts = requested.get(key);
      if (ts === undefined) continue;
      requested.delete(key);
      waits.push({ ts, delta: -1 }, { ts: e.ts, delta: 1 });
    }
  }
  let from = Infinity;
  let to = -Infinity;
  for (const t of spans) {
    from = Math.min(from, t.start);
    to = Math.max(to, t.end);
  }
  for (const step of processes) {
    from = Math.min(from, step.ts);
    to = Math.max(to, step.ts);
  }
  // Processes still running, and waits still waiting, at the end of the trace count until then.
  if (started.size > 0) to = Math.max(to, view.endTs);
  for (const ts of requested.values()) waits.push({ ts, delta: -1 });
  if (!(to - from >= UTIL_MIN_SPAN_US)) return [];
  const { cores } = view.context;
  let over = 0;
  let runnableTime = 0;
  let most = 0;
  sweep([busySteps(spans), processes, waits], from, to, (dt, [busy, alive, waiting]) => {
    const runnable = Math.max(0, busy! + alive! + waiting!);
    if (runnable > cores) over += dt;
    runnableTime += runnable * dt;
    most = Math.max(most, runnable);
  });
  const run = to - from;
  if (over / run <= UTIL_MOST) return [];
  return [
    {
      kind: 'oversubscribed',
      severity: 'info',
      message:
        `For ${formatPercent(over / run)} of the run (${formatDuration(over)} of ${formatDuration(run)}), more ` +
        `workers and processes were running than the ${cores} cores (${round(runnableTime / run)} on average, ` +
        `up to ${most}): CPU-bound ones took turns on the cores.`,
      evidence: {
        fromTs: from,
        toTs: to,
        pids: [...pids],
        details: { overShare: over / run, averageRunnable: runnableTime / run, maxRunnable: most, cores },
      },
      fix:
        `for CPU-bound work run at most ${cores} at once (\`new Pool({ processes: ${cores} })\`); more than ` +
        'the cores only helps tasks that mostly wait (sleep, I/O, locks)',
    },
  ];
}
