/**
 * The producer of `queue-throughput`, as Python's peer: put "ready", then the integers 0…n−1,
 * each put awaited as a user writes it (`await queue.put(i)`).
 */
import type { Queue } from '../../src/workers/runtime';

/** Puts "ready" then 0…n−1 into `queue`. */
export async function produce(queue: Queue, n: number): Promise<void> {
  await queue.put('ready');
  for (let i = 0; i < n; i++) await queue.put(i);
}
