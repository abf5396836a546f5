/**
 * Scenario `mpmc-naive`, from the notebook's "Example of multiple producers and multiple
 * consumers": producers and consumers share a managed queue; each producer puts five products
 * and then one sentinel, `'end'`, and each consumer leaves at the first sentinel it sees.
 *
 * The Python original:
 *
 *     def producer(q, producer_id):
 *         for i in range(5):
 *             time.sleep(random.random())
 *             q.put(f'product {i} from producer {producer_id}')
 *         q.put('end')
 *         print(f'producer {producer_id} exits')
 *
 *     def consumer(q, consumer_id):
 *         while True:
 *             product = q.get()
 *             if product == 'end':
 *                 break
 *             print(f'{product} consumed by consumer {consumer_id}')
 *         print(f'consumer {consumer_id} exits')
 *
 *     manager = mp.Manager(); q = manager.Queue()
 *     producer_pool = mp.Pool(2); consumer_pool = mp.Pool(2)
 *     for i in range(2): producer_pool.apply_async(producer, args=(q, i), error_callback=print_traceback)
 *     for i in range(2): consumer_pool.apply_async(consumer, args=(q, i), error_callback=print_traceback)
 *     producer_pool.close(); consumer_pool.close(); producer_pool.join(); consumer_pool.join()
 *
 * The bug: a sentinel says "one producer is done", not "all are". A consumer that sees one
 * leaves while other producers may still be producing. With as many consumers as producers the
 * last one out happens to leave at the last sentinel, behind every product, so nothing is lost
 * (the notebook's run); with more producers than consumers, the products queued behind the
 * sentinels are never consumed: the `items-left-behind` insight. With more consumers than
 * producers, Python's extra consumers wait for ever: here the main program closes the queue
 * once every producer is done, which ends their wait with `QueueClosedError`.
 *
 * On the timeline: the queue's depth rising with the producers' puts and falling with the
 * consumers' gets, each consumer's lane ending at its sentinel, and the depth staying above
 * zero after the last consumer has gone. `mpmc-fixed` is the corrected program.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Manager, Pool, QueueClosedError, task, type Queue } from '../workers/runtime';
import type { ScenarioContext } from './context';

/** Products each producer makes. */
export const PRODUCTS = 5;
/** Longest pause before each product (the notebook's `random.random()` seconds, scaled down). */
const MAX_PAUSE_MS = 100;

interface Params {
  producers: number;
  consumers: number;
}

/** What a run of `mpmc-naive` or `mpmc-fixed` reports: how many products went where. */
export interface ProductCounts {
  /** Products put (sentinels not counted). */
  produced: number;
  /** Products taken by a consumer (the same product twice counts twice). */
  consumed: number;
  /** Different products taken. */
  distinct: number;
  /** Items (products or sentinels) still in the queue at the end. */
  leftInQueue: number;
}

/** A producer: five products at random intervals, then its sentinel. */
export async function producer(q: Queue<string>, id: number): Promise<void> {
  for (let i = 0; i < PRODUCTS; i++) {
    await sleep(Math.random() * MAX_PAUSE_MS);
    await q.put(`product ${i} from producer ${id}`);
  }
  await q.put('end'); // tells a consumer that this producer is done
  console.log(`producer ${id} exits`);
}

/** A naive consumer: takes products until the first sentinel; returns what it consumed. */
export async function consumer(q: Queue<string>, id: number): Promise<string[]> {
  const consumed: string[] = [];
  for (;;) {
    let product: string;
    try {
      product = await q.get();
    } catch (error) {
      // Every producer is done and no sentinel was left for this consumer (see main).
      if (error instanceof QueueClosedError) break;
      throw error;
    }
    if (product === 'end') break; // the bug: other producers may not be done
    console.log(`${product} consumed by consumer ${id}`);
    consumed.push(product);
  }
  console.log(`consumer ${id} exits`);
  return consumed;
}

/** Runs the producers and the naive consumers on two pools; returns the product counts. */
export async function main(ctx: ScenarioContext, params: Params): Promise<ProductCounts> {
  const { producers, consumers } = params;
  const manager = new Manager();
  const q = manager.queue<string>({ name: 'products' });
  const errorCallback = (error: Error): void => ctx.log(error.stack ?? String(error));

  const producerPool = new Pool({ processes: producers });
  const consumerPool = new Pool({ processes: consumers });
  const made = Array.from({ length: producers }, (_, i) =>
    producerPool.applyAsync(task(import.meta.url, 'producer'), [q, i], { errorCallback }),
  );
  const taken = Array.from({ length: consumers }, (_, i) =>
    consumerPool.applyAsync<string[]>(task(import.meta.url, 'consumer'), [q, i], { errorCallback }),
  );
  producerPool.close();
  consumerPool.close();
  await producerPool.join();
  // Nothing more will be put: consumers still waiting for a sentinel get QueueClosedError.
  await q.close();
  await consumerPool.join();
  for (const r of made) await r.get();

  const all = (await Promise.all(taken.map((r) => r.get()))).flat();
  const counts: ProductCounts = {
    produced: producers * PRODUCTS,
    consumed: all.length,
    distinct: new Set(all).size,
    leftInQueue: await q.qsize(),
  };
  ctx.log(
    `${counts.consumed} of ${counts.produced} products consumed, ${counts.leftInQueue} items left in the queue`,
  );
  return counts;
}

/** The right answer: every product consumed exactly once, none left behind. */
export function expected(params: Params): ProductCounts {
  const produced = params.producers * PRODUCTS;
  return { produced, consumed: produced, distinct: produced, leftInQueue: 0 };
}
