/**
 * Scenario `queue-basics`, the notebook's first `Queue` example: put four colours, get them
 * back in order; and why `empty()` is not a way to know that everything has arrived.
 *
 * The Python original:
 *
 *     colors = ['red', 'green', 'blue', 'black']
 *     queue = mp.Queue()
 *     for color in colors:
 *         queue.put(color)
 *     while not queue.empty():
 *         print(queue.get())
 *
 * In the notebook this printed *nothing*: Python's `put()` hands the item to a feeder thread
 * and returns before the item is in the pipe, so `empty()` right after it said True.
 *
 * Here `put()` resolves once the item is in the queue, so in one context the same program
 * gets all four colours back, and `empty()` right after the puts is false (part 1). `empty()`
 * is still only a snapshot of this instant. Part 2 shows it lying the way that matters in
 * practice: a producer in another context (a process or a thread, by the `backend` parameter)
 * puts the colours with a pause between them. Once its first colour has arrived, `empty()`
 * says true although three more are coming, so the notebook's `while not empty()` loop would
 * stop after one colour. The fix is to take as many items as you expect (or to wait for a
 * sentinel, as `producer-consumer` does).
 *
 * What to watch on the timeline: four quick `queue-put`/`queue-get` pairs on the `colours`
 * queue from the main context; then, on `from-producer`, one put from the producer's lane, the
 * main context's get, and the three later puts, each met by a get that was already waiting.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Process, Queue, task } from '../workers/runtime';
import type { ScenarioContext } from './context';

const COLOURS = ['red', 'green', 'blue', 'black'];
/** The producer's pause between two puts. */
const PAUSE_MS = 50;

/** The producer's target: puts the colours one by one, pausing after each. */
export async function putColours(queue: Queue<string>, pauseMs: number): Promise<void> {
  for (const colour of COLOURS) {
    await queue.put(colour);
    await sleep(pauseMs);
  }
}

/** What `empty()` said and what came back. */
export interface QueueBasicsResult {
  /** The notebook's program in one context. */
  sameContext: { emptyAfterPuts: boolean; popped: string[] };
  /** A producer in another context: `empty()` asked after its first colour arrived. */
  otherContext: { emptyAfterFirst: boolean; got: string[] };
}

/** Part 1 in this context, part 2 with a producer on `params.backend`. */
export async function main(
  ctx: ScenarioContext,
  params: { backend: 'process' | 'thread' },
): Promise<QueueBasicsResult> {
  // Part 1: the notebook's program.
  const queue = new Queue<string>({ name: 'colours' });
  ctx.log('pushing items to queue:');
  for (const [i, colour] of COLOURS.entries()) {
    ctx.log(`item no: ${i + 1} ${colour}`);
    await queue.put(colour);
  }
  const emptyAfterPuts = await queue.empty(); // false: every put above has landed
  ctx.log(`popping items from queue (empty() says ${emptyAfterPuts}):`);
  const popped: string[] = [];
  while (!(await queue.empty())) {
    popped.push(await queue.get());
    ctx.log(`item no: ${popped.length} ${popped.at(-1)}`);
  }

  // Part 2: the colours come from another context.
  const fromProducer = new Queue<string>({ name: 'from-producer' });
  const producer = new Process({
    target: task(import.meta.url, 'putColours'),
    args: [fromProducer, PAUSE_MS],
    backend: params.backend,
  });
  await producer.start();
  const got = [await fromProducer.get()]; // the producer is running: its first colour is here
  // True, every time: the producer awaits each put, and its put of the first colour was
  // answered in this same turn of the event loop, so its next put cannot have arrived yet.
  // (The pause makes the gap visible.) The notebook's `while not empty()` would end here.
  const emptyAfterFirst = await fromProducer.empty();
  ctx.log(`got ${got[0]} from the producer; empty() now says ${emptyAfterFirst}`);
  // Take as many as were promised instead: each get waits for the next put.
  while (got.length < COLOURS.length) got.push(await fromProducer.get());
  ctx.log(`got ${got.join(', ')} by counting`);
  await producer.join();
  return { sameContext: { emptyAfterPuts, popped }, otherContext: { emptyAfterFirst, got } };
}

/**
 * Both parts get the four colours in order. `empty()` says false after this context's own
 * puts, and true between two puts of the producer (which cannot put its next colour before
 * this context has answered the put of its first).
 */
export function expected(): QueueBasicsResult {
  return {
    sameContext: { emptyAfterPuts: false, popped: [...COLOURS] },
    otherContext: { emptyAfterFirst: true, got: [...COLOURS] },
  };
}
