/**
 * Scenario `apply-vs-apply-async`, the notebook's "Example 3: The apply_async method": eight
 * tasks of random length on a pool of four workers, submitted with `applyAsync` (they overlap)
 * or with `apply` (one at a time).
 *
 * The Python original:
 *
 *     def worker(i):
 *         time.sleep(random.random())
 *         print(i)
 *
 *     p = mp.Pool(4)
 *     for i in range(8):
 *         p.apply_async(worker, args=(i,))   # or: p.apply(worker, args=(i,))
 *     p.close()
 *     p.join()
 *
 * What to watch on the timeline: with `applyAsync` all eight tasks are queued at once, four
 * bars start together and the numbers print in whatever order the sleeps end. With `apply`
 * each call waits for its result before the next is submitted, so one bar at a time walks
 * across the lanes while three workers idle, and the numbers print 0 to 7: `apply` is
 * `applyAsync(...).get()`, and awaiting it in a loop serialises the work.
 *
 * The sleeps are drawn here rather than in the task (Python draws them in the worker) so
 * that the log can compare the work with the time it took.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool, task, type AsyncResult } from '../workers/runtime';
import type { ScenarioContext } from './context';

const TASKS = 8;
/** Each task sleeps between these many milliseconds (Python: up to a second). */
const MIN_MS = 50;
const SPREAD_MS = 150;

/** What a task returns: its number, and when it slept (ms on the machine's monotonic clock). */
export interface Done {
  i: number;
  startMs: number;
  endMs: number;
}

/** Monotonic clock in ms, the same in every process and thread of this machine. */
function nowMs(): number {
  return Number(process.hrtime.bigint() / 1000n) / 1000;
}

/** The task (Python's `worker`): sleeps, prints its number, returns it with its times. */
export async function worker(i: number, ms: number): Promise<Done> {
  const startMs = nowMs();
  await sleep(ms);
  console.log(i);
  return { i, startMs, endMs: nowMs() };
}

/** Most tasks running at one moment. */
function mostAtOnce(done: readonly Done[]): number {
  const edges = done.flatMap((d) => [
    [d.startMs, 1],
    [d.endMs, -1],
  ]);
  // At equal times an end goes first: back to back is not overlapping.
  edges.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let running = 0;
  let most = 0;
  for (const [, step] of edges) most = Math.max(most, (running += step!));
  return most;
}

/** Submits the eight tasks with `params.mode` on `params.workers` workers; returns their results. */
export async function main(
  ctx: ScenarioContext,
  params: { mode: 'applyAsync' | 'apply'; workers: number },
): Promise<number[]> {
  const pool = new Pool({ processes: params.workers });
  const ref = task(import.meta.url, 'worker');
  const sleeps = Array.from({ length: TASKS }, () => Math.round(MIN_MS + Math.random() * SPREAD_MS));
  let done: Done[];
  try {
    if (params.mode === 'applyAsync') {
      const pending: AsyncResult<Done>[] = [];
      for (let i = 0; i < TASKS; i++) pending.push(pool.applyAsync<Done>(ref, [i, sleeps[i]]));
      done = await Promise.all(pending.map((r) => r.get()));
    } else {
      done = [];
      // No overlap: each call returns only once its task is done.
      for (let i = 0; i < TASKS; i++) done.push(await pool.apply<Done>(ref, [i, sleeps[i]]));
    }
  } finally {
    pool.close(); // we are done submitting
    await pool.join(); // resolves once every worker has exited
  }
  // From the first task's start, so that the workers' start-up does not count.
  const span = Math.max(...done.map((d) => d.endMs)) - Math.min(...done.map((d) => d.startMs));
  const work = sleeps.reduce((a, b) => a + b, 0);
  ctx.log(
    `${params.mode}: ${TASKS} tasks sleeping ${work} ms in all took ${Math.round(span)} ms, ` +
      `at most ${mostAtOnce(done)} at once`,
  );
  return done.map((d) => d.i);
}

/** Both ways return every task's number, in the order submitted. */
export function expected(): number[] {
  return Array.from({ length: TASKS }, (_, i) => i);
}
