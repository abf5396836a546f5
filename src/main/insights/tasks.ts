/**
 * Pool tasks as time spans, from `task-submit`/`task-start`/`task-end` (one task each) and
 * `task-batch` (several tasks run back to back by one worker), plus a sweep that measures how
 * long a count of concurrent things stayed at each level.
 */
import type { TraceView } from './trace-view';

/** One task, or one batch of tasks, as its worker ran it. */
export interface TaskSpan {
  taskId: string;
  /** Tasks this span stands for (1, or a batch's `count`). */
  count: number;
  workerId: number;
  pid: number;
  start: number;
  /** When it ended; the end of the trace for a task still running then. */
  end: number;
  /** When it was submitted, where known. */
  submit?: number;
  /** Index of the `task-start` (or `task-batch`) event. */
  index: number;
}

const spansOf = new WeakMap<TraceView, readonly TaskSpan[]>();

/** Every task span of the trace, in order of start (computed once per view; do not mutate). */
export function taskSpans(view: TraceView): readonly TaskSpan[] {
  let spans = spansOf.get(view);
  if (!spans) spansOf.set(view, (spans = collectSpans(view)));
  return spans;
}

function collectSpans(view: TraceView): TaskSpan[] {
  const submits = new Map<string, number>();
  const open = new Map<string, TaskSpan>();
  const spans: TaskSpan[] = [];
  for (const i of view.order) {
    const e = view.events[i]!;
    if (e.type === 'task-submit') submits.set(e.taskId, e.ts);
    else if (e.type === 'task-start') {
      const span: TaskSpan = {
        taskId: e.taskId,
        count: 1,
        workerId: e.workerId,
        pid: e.pid,
        start: e.ts,
        end: view.endTs,
        submit: submits.get(e.taskId),
        index: i,
      };
      open.set(e.taskId, span);
      spans.push(span);
    } else if (e.type === 'task-end') {
      const span = open.get(e.taskId);
      if (span) {
        span.end = e.ts;
        open.delete(e.taskId);
      }
    } else if (e.type === 'task-batch') {
      spans.push({
        taskId: e.taskId,
        count: e.count,
        workerId: e.workerId,
        pid: e.pid,
        start: e.ts,
        end: e.endTs,
        submit: e.submitTs,
        index: i,
      });
    }
  }
  return spans;
}

/** Sum of the spans' durations (µs). */
export function work(spans: readonly TaskSpan[]): number {
  return spans.reduce((sum, t) => sum + (t.end - t.start), 0);
}

/** A change of a count at a time: +1 when something starts, -1 when it ends. */
export interface Step {
  ts: number;
  delta: number;
}

/**
 * Sweeps `series` (each a list of steps) over [from, to] and calls `visit` for each stretch of
 * time with the counts of every series during it. Steps outside the range still set the counts.
 */
export function sweep(
  series: readonly (readonly Step[])[],
  from: number,
  to: number,
  visit: (durationUs: number, counts: readonly number[]) => void,
): void {
  // Flat typed arrays and one index sort: a trace may hold a few hundred thousand steps.
  const total = series.reduce((n, steps) => n + steps.length, 0);
  const times = new Float64Array(total);
  const deltas = new Float64Array(total);
  const owner = new Uint16Array(total);
  let n = 0;
  series.forEach((steps, s) => {
    for (const step of steps) {
      times[n] = step.ts;
      deltas[n] = step.delta;
      owner[n++] = s;
    }
  });
  const order = new Uint32Array(total);
  for (let k = 0; k < total; k++) order[k] = k;
  order.sort((a, b) => times[a]! - times[b]!);
  const counts = series.map(() => 0);
  let at = from;
  for (const k of order) {
    const ts = Math.min(Math.max(times[k]!, from), to);
    if (ts > at) {
      visit(ts - at, counts);
      at = ts;
    }
    counts[owner[k]!]! += deltas[k]!;
  }
  if (to > at) visit(to - at, counts);
}

/** Steps of the pool's live workers: spawn to exit (or the end). Empty without `worker-spawn` events. */
export function workerSteps(view: TraceView): Step[] {
  return [...view.workers.values()].flatMap((w) => [
    { ts: w.spawnTs, delta: 1 },
    { ts: w.exitTs ?? view.endTs, delta: -1 },
  ]);
}

const stepsOf = new WeakMap<readonly TaskSpan[], readonly Step[]>();

/**
 * Steps of the tasks running (a batch counts as one worker busy). Computed once per list of
 * spans (two detectors sweep them; a flood run has a few hundred thousand); do not mutate.
 */
export function busySteps(spans: readonly TaskSpan[]): readonly Step[] {
  let steps = stepsOf.get(spans);
  if (!steps) {
    const list: Step[] = new Array<Step>(spans.length * 2);
    spans.forEach((t, i) => {
      list[2 * i] = { ts: t.start, delta: 1 };
      list[2 * i + 1] = { ts: t.end, delta: -1 };
    });
    stepsOf.set(spans, (steps = list));
  }
  return steps;
}
