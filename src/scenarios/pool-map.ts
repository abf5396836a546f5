/**
 * Scenario `pool-map`, lesson 1 of the multiprocessing notebook ("Example 1: The map
 * method"): apply one function to every item of a list on a pool of worker processes.
 *
 * The Python original:
 *
 *     def f(x):
 *       return x*x
 *
 *     with mp.Pool(processes=2) as p:
 *       print(p.map(f, [1, 2, 3, 4, 5, 6, 7, 8]))
 *
 * What to watch on the timeline: the eight tasks go out in chunks of Python's default size,
 * `ceil(8 / (workers * 4))` (one task per chunk from two workers up). Each takes microseconds,
 * so the bars are slivers, most of the run is the workers starting up, and the first worker
 * up may run most of them before the others are ready. The result still comes back in input
 * order, however the tasks were spread.
 *
 * Written against the public runtime API only, as any user workload would be.
 */
import { Pool, task } from '../workers/runtime';
import type { ScenarioContext } from './context';

const ITEMS = [1, 2, 3, 4, 5, 6, 7, 8];

/** The task: runs in a pool worker, which imports this module and calls it by name. */
export function square(x: number): number {
  return x * x;
}

/** Maps {@link square} over 1..8 on a pool of `params.workers` processes. */
export async function main(ctx: ScenarioContext, params: { workers: number }): Promise<number[]> {
  const pool = new Pool({ processes: params.workers });
  try {
    const squares = await pool.map<number, number>(task(import.meta.url, 'square'), ITEMS);
    ctx.log(JSON.stringify(squares)); // the notebook's print(p.map(f, [1, ..., 8]))
    return squares;
  } finally {
    // Python's `with Pool() as p:` ends the pool on the way out. `await using pool = …` says
    // the same where the runtime supports it (Node 24+); close() + join() works everywhere and
    // lets the workers exit on their own, so the trace shows them ending cleanly.
    pool.close();
    await pool.join();
  }
}

/** The notebook's printed answer. */
export function expected(): number[] {
  return ITEMS.map(square);
}
