/**
 * Scenario `queue-pass-data`, the notebook's "Passing Data Between Processes": four processes
 * each put one random number on a queue, and the parent collects them.
 *
 * The Python original:
 *
 *     def rand_num(queue):
 *         num = random.random()
 *         queue.put(num)
 *
 *     queue = mp.Queue()
 *     processes = [mp.Process(target=rand_num, args=(queue,)) for x in range(4)]
 *     for p in processes:
 *       p.start()
 *     for p in processes:
 *       p.join()
 *     results = [queue.get() for p in processes]
 *     print(results)
 *
 * The queue lives in this (the parent) context; each child reaches it by message. A child's
 * `put()` resolves once the number is in the parent's queue, so joining the children before
 * getting is safe here. (In Python it is safe only for small items: a child that put a large
 * one waits, before it exits, for the pipe to be read, and a join before the get never ends.)
 *
 * What to watch on the timeline: four process lanes, one `queue-put` on each (the queue's depth
 * climbs to 4 in the order the children got there), then the parent's four `queue-get`s.
 */
import { Process, Queue, task } from '../workers/runtime';
import type { ScenarioContext } from './context';

const PROCESSES = 4;

/** The target (Python's `rand_num`): puts one random number in [0, 1). */
export async function randNum(queue: Queue<number>): Promise<void> {
  await queue.put(Math.random());
}

/** Starts four processes, joins them, then gets the four numbers they put. */
export async function main(ctx: ScenarioContext): Promise<number[]> {
  const queue = new Queue<number>({ name: 'numbers' });
  const processes = Array.from(
    { length: PROCESSES },
    () => new Process({ target: task(import.meta.url, 'randNum'), args: [queue] }),
  );
  for (const p of processes) await p.start();
  for (const p of processes) await p.join();
  const results: number[] = [];
  for (let i = 0; i < processes.length; i++) results.push(await queue.get());
  ctx.log(JSON.stringify(results));
  return results;
}
