/**
 * Probe: timed `pool.map(square, items)` calls, `items` = 0…n−1, on fresh pools of `processes`
 * workers: one pool with tracing on (chunks go to an `onTraceChunk` that counts them by their
 * records' codes, undecoded, as the app's session process does; the end of every task must be
 * in them when each call resolves) and, if asked, one with tracing off. Each pool
 * first maps the warm-up size (workers spawned, task module loaded, JIT warm). Then `repeats`
 * rounds map once per pool, alternating which goes first. Running the two settings side by
 * side in one process cancels what differs between processes (placement, drift), which
 * otherwise swamps a few percent. For each pool the probe prints the median call's items/s and
 * the caller's CPU time per call.
 *
 * Args (JSON): { items, processes, warmupItems, repeats, untraced: boolean }.
 */
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool, task, type TraceChunk } from '../../src/workers/runtime';
import { badProbeArgument, probeCheckFailed } from '../harness/bench-errors';
import { cpuMicros, emitResult, positiveNumber, readProbeArgs } from './probe-io';
import { TraceCount } from './trace-count';

const PROBE = 'map-probe';
const args = readProbeArgs(PROBE);
const items = positiveNumber(PROBE, args, 'items');
const processes = positiveNumber(PROBE, args, 'processes');
const warmupItems = positiveNumber(PROBE, args, 'warmupItems');
const repeats = positiveNumber(PROBE, args, 'repeats');
if (typeof args.untraced !== 'boolean') throw badProbeArgument(PROBE, 'untraced', 'a boolean');

// The task module sits at the same relative path, with this file's extension, in source and build.
const here = fileURLToPath(import.meta.url);
const square = task(join(dirname(here), '..', 'tasks', `square${extname(here)}`), 'square');

/** `range(n)` as a packed array (built with push: a preallocated `new Array(n)` would be holey). */
function range(n: number): number[] {
  const list: number[] = [];
  for (let i = 0; i < n; i++) list.push(i);
  return list;
}

/** One timed call. */
interface Timed {
  seconds: number;
  callerCpuSeconds: number;
  events: number;
  eventsByType: Record<string, number>;
}

/** A pool under test and its timed calls. */
class Arm {
  readonly pool: Pool;
  readonly runs: Timed[] = [];
  private count = new TraceCount();

  constructor(readonly tracing: boolean) {
    this.pool = new Pool({
      processes,
      tracing,
      ...(tracing ? { onTraceChunk: (chunk: TraceChunk) => this.count.addChunk(chunk) } : {}),
    });
  }

  /** One call, checked: right results and, when traced, every task's end in the trace. */
  async map(input: readonly number[], timed: boolean): Promise<void> {
    this.count = new TraceCount();
    const cpuBefore = cpuMicros();
    const t0 = performance.now();
    const out = await this.pool.map<number, number>(square, input);
    const seconds = (performance.now() - t0) / 1000;
    const callerCpuSeconds = (cpuMicros() - cpuBefore) / 1e6;
    const n = input.length;
    if (out.length !== n || out[n - 1] !== (n - 1) ** 2 || out[n >> 1] !== (n >> 1) ** 2) {
      throw probeCheckFailed(PROBE, 'map returned wrong results');
    }
    // Workers send a chunk's events before its results, so by now every task's end is traced.
    if (this.tracing && this.count.tasksEnded !== n) {
      throw probeCheckFailed(PROBE, `the trace shows ${this.count.tasksEnded} of ${n} tasks ending`);
    }
    const { events, byType } = this.count;
    if (timed) this.runs.push({ seconds, callerCpuSeconds, events, eventsByType: byType });
  }

  /** The median call, as items/s. */
  summary(): Timed & { itemsPerSecond: number; repeatSeconds: number[] } {
    const sorted = [...this.runs].sort((a, b) => a.seconds - b.seconds);
    const mid = sorted[sorted.length >> 1]!;
    return { ...mid, itemsPerSecond: items / mid.seconds, repeatSeconds: this.runs.map((r) => r.seconds) };
  }
}

const arms = [new Arm(true), ...(args.untraced ? [new Arm(false)] : [])];
try {
  // The input is built once, outside the timed calls, as the Python peer builds its list.
  const input = range(items);
  const warmup = range(warmupItems);
  for (const arm of arms) await arm.map(warmup, false);
  for (let round = 0; round < repeats; round++) {
    const order = round % 2 === 0 ? arms : [...arms].reverse();
    for (const arm of order) await arm.map(input, true);
  }
  const [traced, untraced] = arms.map((arm) => arm.summary());
  emitResult({ items, traced, ...(untraced ? { untraced } : {}) });
} finally {
  await Promise.all(arms.map((arm) => arm.pool.terminate()));
}
