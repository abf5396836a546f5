/**
 * Scenario `producer-consumer`, the notebook's "one producer and one consumer": the producer
 * puts numbers with a random pause before each, then a sentinel; the consumer takes them until
 * it sees the sentinel.
 *
 * The Python original:
 *
 *     def producer(q):
 *         for i in range(5):
 *             time.sleep(random.random())
 *             q.put(i)
 *         q.put('end') # to notify the consumer process that the producer process has exited
 *         print('producer exits')
 *
 *     def consumer(q):
 *         while True:
 *             product = q.get()
 *             if product == 'end':
 *                 break
 *             print(product)
 *         print('consumer exits')
 *
 *     q = mp.Queue()
 *     p1 = mp.Process(target=producer, args=(q,))
 *     p2 = mp.Process(target=consumer, args=(q,))
 *     p1.start(); p2.start(); p1.join(); p2.join()
 *
 * `items` and `delay` (the longest pause, in ms) replace the notebook's 5 items and 1 s. The
 * consumer also hands what it consumed back to the parent on a second queue, so that the run
 * can check it.
 *
 * What to watch on the timeline: the consumer's `get` waits on the empty queue (depth 0) most of
 * the time; each `put` from the producer's lane is taken at once. The sentinel is the last put;
 * after it the consumer reports and both processes end.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Process, Queue, task } from '../workers/runtime';
import type { ScenarioContext } from './context';

/** What travels on the queue: a product, or the sentinel that ends the stream. */
export type Product = number | 'end';

/** The producer: `items` numbers, each after a random pause of up to `delay` ms, then the sentinel. */
export async function producer(q: Queue<Product>, items: number, delay: number): Promise<void> {
  for (let i = 0; i < items; i++) {
    await sleep(Math.random() * delay);
    await q.put(i);
  }
  await q.put('end'); // to tell the consumer that the producer is done
  console.log('producer exits');
}

/** The consumer: prints each product until the sentinel, then reports what it consumed. */
export async function consumer(q: Queue<Product>, report: Queue<number[]>): Promise<void> {
  const consumed: number[] = [];
  for (;;) {
    const product = await q.get(); // waits while the queue is empty
    if (product === 'end') break;
    console.log(product);
    consumed.push(product);
  }
  console.log('consumer exits');
  await report.put(consumed);
}

/** What was consumed, in order, and how both processes ended. */
export interface ProducerConsumerResult {
  consumed: number[];
  exitCodes: { producer: number | null; consumer: number | null };
}

/** Runs one producer and one consumer process on one queue. */
export async function main(
  ctx: ScenarioContext,
  params: { items: number; delay: number },
): Promise<ProducerConsumerResult> {
  const q = new Queue<Product>({ name: 'products' });
  const report = new Queue<number[]>({ name: 'report' });
  const p1 = new Process({
    target: task(import.meta.url, 'producer'),
    args: [q, params.items, params.delay],
  });
  const p2 = new Process({ target: task(import.meta.url, 'consumer'), args: [q, report] });
  // Python's start() returns as soon as the child is forked; ours resolves once the child runs
  // (it has loaded the runtime). Starting both together lets them come up side by side, so
  // the consumer is already waiting when the first product arrives.
  await Promise.all([p1.start(), p2.start()]);
  await p1.join();
  await p2.join();
  const consumed = await report.get();
  ctx.log(`consumed ${consumed.length} of ${params.items} products`);
  return { consumed, exitCodes: { producer: p1.exitCode, consumer: p2.exitCode } };
}

/** Every product, once, in the order produced; both processes ended normally. */
export function expected(params: { items: number }): ProducerConsumerResult {
  return {
    consumed: Array.from({ length: params.items }, (_, i) => i),
    exitCodes: { producer: 0, consumer: 0 },
  };
}
