/**
 * Scenario `race-counter`, from the notebook's "Race conditions between processes": four
 * adders and two subtractors, `steps` each, on one shared counter. The answer should be
 * (4 - 2) × steps, 200 for the notebook's 100 steps; without a lock it usually is not.
 *
 * The Python original (the fixed version takes `counter_lock` around the `+=`):
 *
 *     def add(counter):
 *         for _ in range(100):
 *             counter.value += 1
 *
 *     def sub(counter):
 *         for _ in range(100):
 *             counter.value -= 1
 *
 *     manager = mp.Manager()
 *     counter = manager.Value('i', 0)
 *     add_pool = mp.Pool(4)
 *     add_pool.starmap_async(add, [(counter,) for _ in range(4)], error_callback=print_traceback)
 *     sub_pool = mp.Pool(2)
 *     sub_pool.starmap_async(sub, [(counter,) for _ in range(2)], error_callback=print_traceback)
 *     add_pool.close(); sub_pool.close(); add_pool.join(); sub_pool.join()
 *     print(counter.value)        # 88
 *
 * `counter.value += 1` is a read, then a write: two workers can both read 5 and both write 6,
 * and one step is lost. Here the read and the write are two awaited calls (plain reads and
 * writes of shared memory that every worker maps; round trips to the counter's owner for worker
 * processes where the shared-memory addon is missing), and with `lock` on each step holds the
 * counter's lock around both.
 *
 * One addition to the notebook: the six workers wait at a barrier before counting, so they
 * count at the same time however long each took to start; the race then shows every time
 * rather than only when start-up happens to overlap.
 *
 * On the timeline: the barrier, then the interleaved reads and writes of `counter` (without
 * the lock, a read by one worker between another's read and write is a lost update, and the
 * insight points at the first one); with the lock, every read-write pair sits inside one hold.
 */
import { Barrier, Pool, Value, task } from '../workers/runtime';
import type { ScenarioContext } from './context';

const ADDERS = 4;
const SUBTRACTORS = 2;
/** A safety net, not a wait: the workers reach the barrier as soon as they have started. */
const START_TIMEOUT_MS = 60_000;

interface Params {
  lock: boolean;
  backend: 'process' | 'thread';
  steps: number;
}

async function count(counter: Value, start: Barrier, steps: number, delta: number, locked: boolean) {
  await start.wait();
  for (let i = 0; i < steps; i++) {
    if (locked) {
      await counter.getLock().withLock(async () => counter.set(Number(await counter.get()) + delta));
    } else {
      // Python's `counter.value += 1`: read, then write; not one step.
      await counter.set(Number(await counter.get()) + delta);
    }
  }
}

/** An adder: `steps` times counter + 1 (under the counter's lock when `locked`). */
export async function add(counter: Value, start: Barrier, steps: number, locked: boolean): Promise<void> {
  await count(counter, start, steps, 1, locked);
}

/** A subtractor: `steps` times counter - 1 (under the counter's lock when `locked`). */
export async function sub(counter: Value, start: Barrier, steps: number, locked: boolean): Promise<void> {
  await count(counter, start, steps, -1, locked);
}

/** Runs the adders and subtractors on two pools; returns the counter's final value. */
export async function main(ctx: ScenarioContext, params: Params): Promise<number> {
  const { lock, backend, steps } = params;
  const counter = new Value('i', 0, { name: 'counter' });
  const start = new Barrier(ADDERS + SUBTRACTORS, { name: 'start', timeout: START_TIMEOUT_MS });
  const args = (n: number) => Array.from({ length: n }, () => [counter, start, steps, lock]);
  // print_traceback: a worker's error, with its remote stack, as soon as it happens.
  const errorCallback = (error: Error): void => ctx.log(error.stack ?? String(error));

  const addPool = new Pool({ processes: ADDERS, backend });
  const subPool = new Pool({ processes: SUBTRACTORS, backend });
  const adds = addPool.starmapAsync(task(import.meta.url, 'add'), args(ADDERS), { errorCallback });
  const subs = subPool.starmapAsync(task(import.meta.url, 'sub'), args(SUBTRACTORS), { errorCallback });
  addPool.close();
  subPool.close();
  await addPool.join();
  await subPool.join();
  // A failed worker is no race: fail the run with its error rather than report a count.
  await adds.get();
  await subs.get();

  const value = Number(await counter.get());
  ctx.log(
    `counter = ${value} (expected ${expected(params)}${lock ? ', with the lock' : ', without a lock'})`,
  );
  return value;
}

/** Four adders and two subtractors of `steps` each: (4 - 2) × steps. */
export function expected(params: Params): number {
  return (ADDERS - SUBTRACTORS) * params.steps;
}
