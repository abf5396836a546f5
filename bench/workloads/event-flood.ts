/**
 * Workload of `event-pipeline`, run as a session (its own process, like any scenario): maps
 * `square` over `tasks` items on a pool of `workers` processes, as many medium-sized calls kept
 * two at a time in flight, so the workers never wait and every task is traced on its own
 * (start, end and submit: the runtime traces every task of a call of at most 4096 tasks, while
 * a larger call's short tasks are folded into a few `task-batch` events, leaving nothing to
 * measure).
 *
 * Returns how many trace events the runtime handed to the session's sink, so the client can
 * prove it received every one.
 */
import { readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool, getTraceSink, setTraceSink, task } from '../../src/workers/runtime';
import type { ParamValues, ScenarioInfo } from '../../src/shared/scenarios';
import { chunkEventCount } from '../../src/shared/trace-chunk';

/** Tasks per call: within the runtime's 4096, the largest call it traces task by task. */
const CALL_SIZE = 4000;
/** Calls in flight at once: the next call's chunks are queued before the current one drains. */
const IN_FLIGHT = 2;

/** How the session runner knows this workload (it is not in the public catalog). */
export const info: ScenarioInfo = {
  id: 'bench-event-flood',
  title: 'Benchmark: trace event flood',
  purpose: 'Produce trace events as fast as the runtime can, for the event-pipeline benchmark.',
  params: [
    { kind: 'int', name: 'tasks', label: 'Tasks', default: 100_000, min: 1, max: 100_000_000 },
    { kind: 'int', name: 'workers', label: 'Worker processes', default: 2, min: 1, max: 64 },
  ],
};

const here = fileURLToPath(import.meta.url);
const square = task(join(dirname(here), '..', 'tasks', `square${extname(here)}`), 'square');

/** What the run produced and what it cost where. */
export interface FloodResult {
  tasks: number;
  /** Trace events handed to the session's sink (everything the host should receive). */
  events: number;
  /** CPU time of this (session) process during the flood: pool coordinator and forwarding. */
  sessionCpuSeconds: number;
  /** CPU time of the pool's workers over their lives (Linux /proc; null elsewhere). */
  workerCpuSeconds: number | null;
}

/** CPU time (user + system) a live process has used, from /proc/<pid>/stat; null if unreadable. */
function procCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Clock ticks; USER_HZ is 100 on every Linux Node runs on.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** Runs the flood and counts the events it produced. */
export async function main(_ctx: unknown, params: ParamValues): Promise<FloodResult> {
  // Both are 'int' parameters, so the session runner hands over numbers.
  const tasks = Number(params.tasks ?? 0);
  // The session's own sink takes chunks as they travel: count them there, without decoding.
  const forward = getTraceSink({ format: 'chunks' });
  let events = 0;
  setTraceSink(
    (chunk) => {
      events += chunkEventCount(chunk);
      forward?.(chunk);
    },
    { format: 'chunks' },
  );
  const pool = new Pool({ processes: Number(params.workers ?? 2) });
  const cpu0 = process.cpuUsage();
  let workerCpuSeconds: number | null = null;
  try {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < tasks) {
        const start = next;
        next = Math.min(tasks, next + CALL_SIZE);
        await pool.map(
          square,
          Array.from({ length: next - start }, (_, i) => start + i),
        );
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    // Read while the workers are still alive (they exit on close).
    const perWorker = pool.pids.map(procCpuSeconds);
    if (perWorker.every((c) => c !== null)) workerCpuSeconds = perWorker.reduce((a, b) => a + b, 0);
  } finally {
    // close + join (not terminate): the workers' exits are traced too, before join resolves.
    pool.close();
    await pool.join();
    setTraceSink(forward, { format: 'chunks' });
  }
  const cpu = process.cpuUsage(cpu0);
  return { tasks, events, sessionCpuSeconds: (cpu.user + cpu.system) / 1e6, workerCpuSeconds };
}
