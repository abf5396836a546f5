/**
 * Scenario `process-join`, the notebook's first `Process` example: three processes, each
 * started with its own argument, then joined.
 *
 * The Python original:
 *
 *     names = ['America', 'Europe', 'Africa']
 *     procs = []
 *
 *     def print_func(continent='Asia'):
 *       print('The name of continent is : ', continent)
 *
 *     for name in names:
 *       proc = mp.Process(target=print_func, args=(name,))
 *       procs.append(proc)
 *       proc.start()
 *
 *     for proc in procs:
 *       proc.join()
 *
 * What to watch on the timeline: three process lanes open one after another (each `start()`
 * resolves once its child runs), each prints one line and ends; the parent returns only after
 * the last `join()`, so no child can outlive the program's result. Without the joins the
 * parent could finish while its children still run.
 */
import { Process, task } from '../workers/runtime';
import type { ScenarioContext } from './context';

const NAMES = ['America', 'Europe', 'Africa'];

/** The target (Python's `print_func`): runs in the child and prints its continent. */
export function printFunc(continent = 'Asia'): void {
  console.log('The name of continent is : ', continent);
}

/** What each process was given and how it ended (0: its target returned). */
export interface Joined {
  continent: string;
  exitCode: number | null;
}

/** Starts one process per continent, then joins them all. */
export async function main(ctx: ScenarioContext): Promise<Joined[]> {
  const procs: Process[] = [];
  for (const name of NAMES) {
    const proc = new Process({ target: task(import.meta.url, 'printFunc'), args: [name] });
    procs.push(proc);
    await proc.start();
  }
  // Complete the processes: join() resolves once the child has exited.
  for (const proc of procs) await proc.join();
  ctx.log(`joined ${procs.map((p) => p.name).join(', ')}`);
  return NAMES.map((continent, i) => ({ continent, exitCode: procs[i]!.exitCode }));
}

/** Every child ran its target to the end. */
export function expected(): Joined[] {
  return NAMES.map((continent) => ({ continent, exitCode: 0 }));
}
