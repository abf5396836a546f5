/**
 * Scenario `pool-map-sleep`, the notebook's "Example 2: Taking multiple arguments": four jobs
 * of 5, 2, 1 and 3 time units on a pool of two workers. Who waits for whom?
 *
 * The Python original:
 *
 *     def work_log(work_data):
 *       print(" Process %s waiting %s seconds" % (work_data[0], work_data[1]))
 *       time.sleep(int(work_data[1]))
 *       print(" Process %s Finished." % work_data[0])
 *
 *     work = (["A", 5], ["B", 2], ["C", 1], ["D", 3])
 *     p = mp.Pool(2)
 *     p.map(work_log, work)
 *
 * What to watch on the timeline, with 2 workers and chunksize 1: worker 0 takes A and is busy
 * for 5 units; worker 1 takes B, then C, then D as it comes free, so D ends at 6 units, one
 * after A (the notebook prints "A Finished" before "D Finished"). With chunksize 2 the pool
 * hands out [A, B] and [C, D] as two messages: A and B run back to back on one worker (7
 * units) while the other is done after 4 and sits idle. Bigger chunks mean fewer messages, but
 * the pool can no longer balance the load.
 *
 * Workers start on the first call (Python's start when the pool is made) and each must load
 * this module first: a worker that comes up late takes its first job late, and the schedule
 * shifts accordingly. `idealMakespan` is the schedule with every worker ready at once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { threadId } from 'node:worker_threads';
import { Pool, task } from '../workers/runtime';
import type { ScenarioContext } from './context';

/** The notebook's jobs: a name and how many time units it sleeps. */
export const WORK: readonly (readonly [string, number])[] = [
  ['A', 5],
  ['B', 2],
  ['C', 1],
  ['D', 3],
];

/** When and where one job ran (milliseconds on the machine's monotonic clock). */
export interface Stamp {
  worker: string;
  startMs: number;
  endMs: number;
}

/** What the scenario returns: the jobs of each worker, in the order it ran them, and the time taken. */
export interface SleepResult {
  /** One entry per worker that ran jobs, ordered by its first job (A's worker first). */
  lanes: string[][];
  /** First start to last end, in time units (one decimal). */
  makespan: number;
  /** The same schedule with every worker ready at time zero. */
  idealMakespan: number;
}

/** Monotonic clock in ms, the same in every process and thread of this machine. */
function nowMs(): number {
  return Number(process.hrtime.bigint() / 1000n) / 1000;
}

/** The task (Python's `work_log`): runs in a pool worker and sleeps `units` time units. */
export async function workLog(name: string, units: number, unitMs: number): Promise<Stamp> {
  console.log(` Process ${name} waiting ${units} unit${units === 1 ? '' : 's'}`);
  const startMs = nowMs();
  await sleep(units * unitMs);
  console.log(` Process ${name} Finished.`);
  return { worker: `${process.pid}.${threadId}`, startMs, endMs: nowMs() };
}

/**
 * The greedy schedule a pool follows when every worker is ready at once: chunks in order,
 * each to the worker that comes free first (the lowest index on a tie).
 */
export function idealSchedule(workers: number, chunksize: number): { lanes: string[][]; makespan: number } {
  const free = new Array<number>(workers).fill(0);
  const lanes: string[][] = Array.from({ length: workers }, () => []);
  for (let at = 0; at < WORK.length; at += chunksize) {
    const w = free.indexOf(Math.min(...free));
    for (const [name, units] of WORK.slice(at, at + chunksize)) {
      lanes[w]!.push(name);
      free[w]! += units;
    }
  }
  return { lanes: lanes.filter((lane) => lane.length > 0), makespan: Math.max(...free) };
}

/** Runs the four jobs with `starmap` on `workers` workers, `chunksize` jobs per message. */
export async function main(
  ctx: ScenarioContext,
  params: { workers: number; chunksize: number; unit: number },
): Promise<SleepResult> {
  const { workers, chunksize, unit } = params;
  const pool = new Pool({ processes: workers });
  let stamps: Stamp[];
  try {
    const args = WORK.map(([name, units]) => [name, units, unit] as const);
    stamps = await pool.starmap<readonly [string, number, number], Stamp>(
      task(import.meta.url, 'workLog'),
      args,
      { chunksize },
    );
  } finally {
    pool.close();
    await pool.join();
  }

  const t0 = Math.min(...stamps.map((s) => s.startMs));
  const inUnits = (ms: number): number => Math.round(((ms - t0) / unit) * 10) / 10;
  const show = (ms: number): string => inUnits(ms).toFixed(1);
  // Lanes in order of first appearance: WORK's order, so A's worker comes first.
  const byWorker = new Map<string, string[]>();
  stamps.forEach((s, i) => {
    const lane = byWorker.get(s.worker) ?? [];
    lane.push(WORK[i]![0]);
    byWorker.set(s.worker, lane);
  });
  stamps.forEach((s, i) => {
    const lane = [...byWorker.keys()].indexOf(s.worker);
    ctx.log(`${WORK[i]![0]}: worker ${lane}, ${show(s.startMs)} → ${show(s.endMs)} units`);
  });
  return {
    lanes: [...byWorker.values()],
    makespan: inUnits(Math.max(...stamps.map((s) => s.endMs))),
    idealMakespan: idealSchedule(workers, chunksize).makespan,
  };
}
