/**
 * Probe: `repeats` timed `pool.map(square, range(items))` calls on one fresh pool of
 * `processes` workers (their median is the result), after an in-process warm-up map (workers spawned, task module loaded, JIT warm), with tracing
 * on (events go to a counting `onTrace`; the end of every task must be in the trace by the time
 * each call resolves) or off. Prints items/s and the caller's CPU time per call.
 *
 * Args (JSON): { items, processes, warmupItems, repeats, tracing }.
 */
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool, task } from '../../src/workers/runtime';
import { badProbeArgument, probeCheckFailed } from '../harness/bench-errors';
import { cpuMicros, emitResult, positiveNumber, readProbeArgs } from './probe-io';
import { TraceCount } from './trace-count';

const PROBE = 'map-probe';
const args = readProbeArgs(PROBE);
const items = positiveNumber(PROBE, args, 'items');
const processes = positiveNumber(PROBE, args, 'processes');
const warmupItems = positiveNumber(PROBE, args, 'warmupItems');
const repeats = positiveNumber(PROBE, args, 'repeats');
if (typeof args.tracing !== 'boolean') throw badProbeArgument(PROBE, 'tracing', 'a boolean');
const tracing = args.tracing;

// The task module sits at the same relative path, with this file's extension, in source and build.
const here = fileURLToPath(import.meta.url);
const square = task(join(dirname(here), '..', 'tasks', `square${extname(here)}`), 'square');
/** `range(n)` as a packed array (built with push: a preallocated `new Array(n)` would be holey). */
function range(n: number): number[] {
  const list: number[] = [];
  for (let i = 0; i < n; i++) list.push(i);
  return list;
}

let count = new TraceCount();
const pool = new Pool({
  processes,
  tracing,
  ...(tracing ? { onTrace: (batch: unknown[]) => count.add(batch) } : {}),
});
/** One timed call, checked: right results, and (traced) every task's end in the trace. */
async function timedMap(): Promise<{ seconds: number; callerCpuSeconds: number; count: TraceCount }> {
  count = new TraceCount();
  const cpuBefore = cpuMicros();
  const t0 = performance.now();
  const out = await pool.map<number, number>(square, input);
  const seconds = (performance.now() - t0) / 1000;
  const callerCpuSeconds = (cpuMicros() - cpuBefore) / 1e6;
  const last = items - 1;
  if (out.length !== items || out[last] !== last * last || out[items >> 1] !== (items >> 1) ** 2) {
    throw probeCheckFailed(PROBE, 'map returned wrong results');
  }
  // Workers send a chunk's events before its results, so by now every task's end is traced.
  if (tracing && count.tasksEnded !== items) {
    throw probeCheckFailed(PROBE, `the trace shows ${count.tasksEnded} of ${items} tasks ending`);
  }
  return { seconds, callerCpuSeconds, count };
}

const mid = <T>(values: T[], key: (v: T) => number): T =>
  [...values].sort((a, b) => key(a) - key(b))[values.length >> 1]!;

// The input is built once, outside the timed calls, as the Python peer builds its list.
const input = range(items);

try {
  await pool.map(square, range(warmupItems));
  const runs = [];
  for (let i = 0; i < repeats; i++) runs.push(await timedMap());
  const median = mid(runs, (r) => r.seconds);
  emitResult({
    items,
    seconds: median.seconds,
    itemsPerSecond: items / median.seconds,
    callerCpuSeconds: median.callerCpuSeconds,
    repeatSeconds: runs.map((r) => r.seconds),
    events: median.count.events,
    eventsByType: median.count.byType,
  });
} finally {
  await pool.terminate();
}
