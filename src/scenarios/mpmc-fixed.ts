/**
 * Scenario `mpmc-fixed`, from the notebook's "Fixing bugs in multi-producer multi-consumer
 * code": the `mpmc-naive` program with its two flaws fixed.
 *
 * - A print lock, so that lines printed by different processes cannot interleave.
 * - A shared count of finished producers (under its own lock): a consumer that sees a sentinel
 *   adds one to it and carries on; a consumer leaves only when the queue is empty and every
 *   producer has finished. Every product is then consumed, exactly once, whatever the numbers
 *   of producers and consumers.
 *
 * The Python original's consumer:
 *
 *     def consumer(q, consumer_id, producer_count, print_lock, exited_producer_count, count_lock):
 *         while True:
 *             try:
 *                 product = q.get_nowait()
 *             except:
 *                 if exited_producer_count.value == producer_count:
 *                     break
 *                 else:
 *                     continue
 *             if product == 'end':
 *                 with count_lock:
 *                     exited_producer_count.value += 1
 *                 continue
 *             with print_lock:
 *                 print(f'{product} consumed by consumer {consumer_id}')
 *         with print_lock:
 *             print(f'consumer {consumer_id} exits')
 *
 * One change: Python's `get_nowait()` in a loop spins a core at 100% while the queue is empty
 * (a busy wait); here `get({ timeout: 10 })` waits up to 10 ms for a product before it looks at
 * the count again, so an idle consumer sleeps instead.
 *
 * On the timeline: the print lock taken for every line, the count's lock taken once per
 * sentinel, and every consumer staying until the count reaches the number of producers.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  Manager,
  Pool,
  QueueEmptyError,
  task,
  type Lock,
  type ManagedValue,
  type Queue,
} from '../workers/runtime';
import type { ScenarioContext } from './context';

/** Products each producer makes. */
const PRODUCTS = 5;
/** Longest pause before each product (the notebook's `random.random()` seconds, scaled down). */
const MAX_PAUSE_MS = 100;
/** How long a consumer waits for a product before it checks whether every producer is done. */
const POLL_MS = 10;

interface Params {
  producers: number;
  consumers: number;
}

/** How many products went where. */
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
export async function producer(q: Queue<string>, id: number, printLock: Lock): Promise<void> {
  for (let i = 0; i < PRODUCTS; i++) {
    await sleep(Math.random() * MAX_PAUSE_MS);
    await q.put(`product ${i} from producer ${id}`);
  }
  await q.put('end');
  await printLock.withLock(() => console.log(`producer ${id} exits`));
}

/** A consumer that leaves only once every producer is done; returns what it consumed. */
export async function consumer(
  q: Queue<string>,
  id: number,
  producers: number,
  printLock: Lock,
  exited: ManagedValue<number>,
  countLock: Lock,
): Promise<string[]> {
  const consumed: string[] = [];
  for (;;) {
    let product: string;
    try {
      product = await q.get({ timeout: POLL_MS });
    } catch (error) {
      if (!(error instanceof QueueEmptyError)) throw error;
      if ((await exited.get()) === producers) break; // all producers have exited
      continue;
    }
    if (product === 'end') {
      // One producer is done; others may not be: count it and keep consuming.
      await countLock.withLock(async () => exited.set((await exited.get()) + 1));
      continue;
    }
    await printLock.withLock(() => console.log(`${product} consumed by consumer ${id}`));
    consumed.push(product);
  }
  await printLock.withLock(() => console.log(`consumer ${id} exits`));
  return consumed;
}

/** Runs the producers and the consumers on two pools; returns the product counts. */
export async function main(ctx: ScenarioContext, params: Params): Promise<ProductCounts> {
  const { producers, consumers } = params;
  const manager = new Manager();
  const q = manager.queue<string>({ name: 'products' });
  const exited = manager.value(0, { name: 'exited producers' });
  const printLock = manager.lock({ name: 'print lock' });
  const countLock = manager.lock({ name: 'count lock' });
  const errorCallback = (error: Error): void => ctx.log(error.stack ?? String(error));

  const producerPool = new Pool({ processes: producers });
  const consumerPool = new Pool({ processes: consumers });
  const made = Array.from({ length: producers }, (_, i) =>
    producerPool.applyAsync(task(import.meta.url, 'producer'), [q, i, printLock], { errorCallback }),
  );
  const taken = Array.from({ length: consumers }, (_, i) =>
    consumerPool.applyAsync<string[]>(
      task(import.meta.url, 'consumer'),
      [q, i, producers, printLock, exited, countLock],
      { errorCallback },
    ),
  );
  producerPool.close();
  consumerPool.close();
  await producerPool.join();
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

/** Every product consumed exactly once, nothing left in the queue. */
export function expected(params: Params): ProductCounts {
  const produced = params.producers * PRODUCTS;
  return { produced, consumed: produced, distinct: produced, leftInQueue: 0 };
}
