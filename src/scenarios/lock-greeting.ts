/**
 * Scenario `lock-greeting`, from the notebook's "Locks" lesson: six processes greet, one at a
 * time under a lock, and all of them are joined.
 *
 * The Python original:
 *
 *     def greeting(l, i):
 *         l.acquire()
 *         print('hello', i)
 *         l.release()
 *
 *     lock = mp.Lock()
 *     names = ['Alex', 'Sam', 'Bernard', 'Patrick', 'Jude', 'Williams']
 *     for name in names:
 *         mp.Process(target=greeting, args=(lock, name)).start()
 *
 * The notebook starts the processes and never joins them, and its output shows four greetings
 * of six: the cell ended before the last two printed. Here every process is joined, so all six
 * greet. On the timeline: one lane per process; each asks for the lock (`lock-request`), the
 * others wait while one holds it, and the holds never overlap. Each greeting is one whole line
 * of output, printed while its process holds the lock.
 */
import { Lock, Process, task } from '../workers/runtime';
import type { ScenarioContext } from './context';

const NAMES = ['Alex', 'Sam', 'Bernard', 'Patrick', 'Jude', 'Williams'];

/** A process's target: greets while holding the lock. */
export async function greeting(lock: Lock, name: string): Promise<void> {
  await lock.acquire();
  try {
    console.log('hello', name);
  } finally {
    await lock.release();
  }
}

/** Starts one process per name, joins them all; returns each one's exit code by name. */
export async function main(ctx: ScenarioContext): Promise<Record<string, number | null>> {
  const lock = new Lock({ name: 'greeting lock' });
  const target = task(import.meta.url, 'greeting');
  const procs = NAMES.map((name) => new Process({ target, args: [lock, name], name }));
  // Python's start() returns at once, so the six boot together and contend for the lock.
  await Promise.all(procs.map((p) => p.start()));
  // Unlike the notebook, wait for every greeting before the run ends.
  for (const p of procs) await p.join();
  ctx.log(`joined ${procs.length} processes`);
  return Object.fromEntries(procs.map((p) => [p.name, p.exitCode]));
}

/** Every process greeted and ended normally (exit code 0). */
export function expected(): Record<string, number> {
  return Object.fromEntries(NAMES.map((name) => [name, 0]));
}
