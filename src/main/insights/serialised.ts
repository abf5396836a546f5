/**
 * `serialised`: tasks that could have overlapped ran one at a time.
 *
 * 1. One at a time: a *chain* is a run of task spans (a batch is one), in order of start, none
 *    overlapping the ones before it. Two kinds are reported, each when it holds at least
 *    {@link SERIAL_MIN_TASKS} tasks and {@link SERIAL_MIN_WORK_US} of work from the first task
 *    that started while at least 2 workers were up (`worker-spawn` to `worker-exit`; without
 *    those events, 2 workers seen running tasks), and the task before it:
 *    - submitted one by one: each task was submitted only after the previous one had ended (the
 *      caller awaited each result before the next: `apply` in a loop);
 *    - one chunk: each task waited in line (submitted before the previous ended) on the same
 *      worker, the chain ended with the trace or with a later call, not with another worker
 *      taking part, and another worker sat idle for at least half of the chain
 *      (a worker still loading its task module, which is not traced, looks idle for a while:
 *      that is not reported; nor is a chain while every other worker was busy too).
 * 2. A lock held across the tasks: see serialised-lock.ts.
 * Pools are not told apart: the trace's tasks are taken together.
 */
import type { Insight } from '../../shared/insights';
import { formatDuration, plural } from './format';
import { MAX_TASK_IDS, SERIAL_MIN_TASKS, SERIAL_MIN_WORK_US } from './serial-limits';
import { detectLockBound } from './serialised-lock';
import { sweep, taskSpans, work, workerSteps, type TaskSpan } from './tasks';
import type { TraceView } from './trace-view';

export { SERIAL_MIN_TASKS, SERIAL_MIN_WORK_US } from './serial-limits';
export { SERIAL_LOCK_COVER } from './serialised-lock';

/** Finds tasks run one at a time, and locks that made them so. */
export function detectSerialised(view: TraceView): Insight[] {
  const spans = taskSpans(view);
  if (spans.length < SERIAL_MIN_TASKS) return [];
  // Loops, not Math.min(...spread): a trace may hold more spans than a call takes arguments.
  let first = Infinity;
  let last = -Infinity;
  for (const t of spans) {
    first = Math.min(first, t.start);
    last = Math.max(last, t.end);
  }
  let alive = 0;
  sweep([workerSteps(view)], first, last, (_, [n]) => (alive = Math.max(alive, n!)));
  const seen = new Set(spans.map((t) => t.workerId)).size;
  const workers = Math.max(alive, seen);
  if (workers < 2) return [];
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const workersAt = (ts: number): number => (view.workers.size > 0 ? liveWorkers(view, ts) : seen);
  return [
    ...chains(sorted, 'caller').map((chain) => describeChain(view, chain, 'caller', workersAt)),
    ...chains(sorted, 'chunk')
      .filter((chain) => anotherWorkerIdled(view, sorted, chain))
      .map((chain) => describeChain(view, chain, 'chunk', workersAt)),
    ...detectLockBound(view, spans, workers),
  ].filter((insight): insight is Insight => insight !== undefined);
}

/**
 * Whether some other worker sat idle for at least half of a one-worker chain. A
 * chain on one worker while every other was busy too (tasks of 5, 2, 1 and 3 units on two
 * workers: B, C and D in line while A runs) is the right schedule, not a serialised one.
 */
function anotherWorkerIdled(
  view: TraceView,
  spans: readonly TaskSpan[],
  chain: readonly TaskSpan[],
): boolean {
  const owner = chain[0]!.workerId;
  const from = chain[0]!.start;
  const to = chain.reduce((most, t) => Math.max(most, t.end), from);
  const window = to - from;
  if (window <= 0) return false;
  const busy = new Map<number, number>();
  // Spawned workers that ran nothing in the window were idle all of it.
  for (const id of view.workers.keys()) if (id !== owner) busy.set(id, 0);
  for (const t of spans) {
    if (t.workerId === owner) continue;
    const overlap = Math.min(to, t.end) - Math.max(from, t.start);
    busy.set(t.workerId, (busy.get(t.workerId) ?? 0) + Math.max(0, overlap));
  }
  for (const used of busy.values()) if (window - used >= window / 2) return true;
  return false;
}

/** Live workers at `ts` (from their spawn and exit events). */
function liveWorkers(view: TraceView, ts: number): number {
  let n = 0;
  for (const w of view.workers.values()) if (w.spawnTs <= ts && (w.exitTs ?? Infinity) >= ts) n++;
  return n;
}

/** Chains of `kind` in `sorted` (spans by start) of at least two spans. */
function chains(sorted: readonly TaskSpan[], kind: 'caller' | 'chunk'): TaskSpan[][] {
  const found: TaskSpan[][] = [];
  let chain: TaskSpan[] = [];
  let maxEnd = -Infinity;
  const close = (next: TaskSpan | undefined): void => {
    // A chunk chain that another worker joined, or that an overlap cut, shows nothing.
    const spread = next !== undefined && (next.start < maxEnd || (next.submit ?? maxEnd) < maxEnd);
    if (chain.length >= 2 && (kind === 'caller' || !spread)) found.push(chain);
  };
  for (const t of sorted) {
    const free = t.start >= maxEnd && t.submit !== undefined;
    const links =
      chain.length > 0 &&
      free &&
      (kind === 'caller' ? t.submit! >= maxEnd : t.submit! < maxEnd && t.workerId === chain[0]!.workerId);
    if (!links) {
      close(t);
      chain = [];
      maxEnd = -Infinity;
    }
    chain.push(t);
    maxEnd = Math.max(maxEnd, t.end);
  }
  close(undefined);
  return found;
}

function describeChain(
  view: TraceView,
  whole: readonly TaskSpan[],
  kind: 'caller' | 'chunk',
  workersAt: (ts: number) => number,
): Insight | undefined {
  // Tasks that ran before a second worker was up could not have overlapped (a pool's workers
  // may still be starting): the chain counts from the task before the first one that could.
  const could = whole.findIndex((t, i) => i > 0 && workersAt(t.start) >= 2);
  if (could < 0) return undefined;
  const chain = whole.slice(could - 1);
  const tasks = chain.reduce((n, t) => n + t.count, 0);
  const total = work(chain);
  const workers = workersAt(chain[1]!.start);
  if (tasks < SERIAL_MIN_TASKS || total < SERIAL_MIN_WORK_US) return undefined;
  const from = chain[0]!.start;
  const to = chain.reduce((most, t) => Math.max(most, t.end), 0);
  const parallel = Math.min(workers, view.context.cores);
  const couldTake = chain.reduce((most, t) => Math.max(most, t.end - t.start), total / parallel);
  const why =
    kind === 'caller'
      ? 'each was submitted only after the previous one had finished (`apply` in a loop?)'
      : `they waited in line for worker ${chain[0]!.workerId} while the others stayed idle (the work went out as one chunk?)`;
  return {
    kind: 'serialised',
    severity: 'warning',
    message:
      `${plural(tasks, 'task')} ran one at a time on a pool of ${workers} workers: ${why}; ` +
      `they took ${formatDuration(to - from)}, where ${parallel} at once could take about ${formatDuration(couldTake)}.`,
    evidence: {
      fromTs: from,
      toTs: to,
      taskIds: chain.slice(0, MAX_TASK_IDS).map((t) => t.taskId),
      pids: [...new Set(chain.map((t) => t.pid))],
      events: chain.slice(0, MAX_TASK_IDS).map((t) => t.index),
      details: {
        tasks,
        workers,
        workUs: total,
        elapsedUs: to - from,
        submittedAfterPrevious: kind === 'caller',
      },
    },
    fix:
      kind === 'caller'
        ? 'submit every task before awaiting any result: `const rs = xs.map((x) => pool.applyAsync(f, [x]))`, ' +
          'then `await Promise.all(rs.map((r) => r.get()))` (or one `pool.map(f, xs)`)'
        : 'split the work into more pieces than workers: a smaller `chunksize` (1 for a few long tasks)',
  };
}
