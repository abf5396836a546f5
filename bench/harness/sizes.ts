/**
 * How much work each mode does. `full` is what the issue specifies; `quick` keeps the issue's
 * workloads but fewer rounds and shorter sampler windows (under two minutes); `tiny` only
 * proves the harness works (the test suite runs it) and its numbers mean nothing.
 */
import type { BenchMode } from './types';

/** Sizes of one run. */
export interface BenchSizes {
  /** Measured rounds per case (after one warm-up round). */
  rounds: number;
  /** Whether to run a warm-up round (small inputs) before the measured ones. */
  warmup: boolean;
  /** Worker processes (the issue fixes 2). */
  processes: number;
  /** Items in `map(square, range(n))`. */
  mapItems: number;
  /** Timed maps per pool per probe process: one map takes well under 0.1 s, so many are pooled. */
  mapRepeats: number;
  /** Items per map in the warm-up round (measured rounds warm up on `mapItems` in-process). */
  mapWarmupItems: number;
  /** Tasks the event-pipeline workload maps (each makes three trace events). */
  pipelineItems: number;
  /** Measured rounds of `sampler-cost` (each runs three windows). */
  samplerRounds: number;
  /** Sampler window in seconds (the issue: 10 s at 10 Hz). */
  samplerSeconds: number;
  /**
   * Seconds each `sampler-cost` process runs its arm before the window opens: V8's memory
   * reducer collects a fresh process's start-up heap some 8-20 s after start, sampling or not
   * (an idle process: 0.23 % of a core over its 10-20 s window, 0.005 % after), which is not
   * what sampling costs a host that has been up for a while.
   */
  samplerSettleSeconds: number;
  samplerHz: number;
  /** Single tasks per `task-throughput` run (the issue: 50 000). */
  tasks: number;
  /** Tasks each pool runs before timing starts. */
  taskWarmup: number;
  /** Timed runs per pool (and per peer) per probe process. */
  taskRepeats: number;
  /** Lock+increment iterations, uncontended / per process contended, `lock-process` (remote). */
  lockProcessIterations: { uncontended: number; contended: number };
  /** The same for `lock-thread` (shared memory: far cheaper, so many more). */
  lockThreadIterations: { uncontended: number; contended: number };
  /** Timed runs of each lock measurement per probe process. */
  lockRepeats: number;
  /** Items producer → consumer per `queue-throughput` run (the issue: 100 000). */
  queueItems: number;
  /** Items of the untimed warm-up run. */
  queueWarmup: number;
  /** Timed runs per probe process. */
  queueRepeats: number;
  /** A probe running longer is killed (an error row), so a hang never stalls the harness. */
  probeTimeoutMs: number;
}

const FULL: BenchSizes = {
  rounds: 5,
  warmup: true,
  processes: 2,
  mapItems: 1_000_000,
  mapRepeats: 21,
  mapWarmupItems: 10_000,
  pipelineItems: 200_000,
  samplerRounds: 3,
  samplerSeconds: 10,
  samplerSettleSeconds: 15,
  samplerHz: 10,
  tasks: 50_000,
  taskWarmup: 2_000,
  taskRepeats: 1,
  // Manager().Lock() takes about 100-200 µs per lock+increment: 2 000 is about 0.3 s.
  lockProcessIterations: { uncontended: 2_000, contended: 1_000 },
  // multiprocessing.Lock takes about 0.1-0.4 µs: 200 000 is about 0.05 s.
  lockThreadIterations: { uncontended: 200_000, contended: 100_000 },
  lockRepeats: 3,
  queueItems: 100_000,
  queueWarmup: 2_000,
  queueRepeats: 3,
  probeTimeoutMs: 300_000,
};

/** Sizes per mode. */
export const SIZES: Readonly<Record<BenchMode, BenchSizes>> = {
  full: FULL,
  quick: {
    ...FULL,
    rounds: 3,
    mapRepeats: 11,
    pipelineItems: 100_000,
    samplerSeconds: 3,
    samplerSettleSeconds: 0,
    taskRepeats: 1,
    lockRepeats: 2,
    queueRepeats: 2,
  },
  tiny: {
    ...FULL,
    rounds: 1,
    warmup: false,
    mapItems: 2_000,
    mapRepeats: 1,
    mapWarmupItems: 100,
    pipelineItems: 300,
    samplerRounds: 1,
    samplerSeconds: 0.3,
    samplerSettleSeconds: 0,
    tasks: 300,
    taskWarmup: 20,
    taskRepeats: 1,
    lockProcessIterations: { uncontended: 40, contended: 20 },
    lockThreadIterations: { uncontended: 1_000, contended: 500 },
    lockRepeats: 1,
    queueItems: 500,
    queueWarmup: 20,
    queueRepeats: 1,
    // The test suite runs --tiny: a hang must fail it well inside its own time limit.
    probeTimeoutMs: 60_000,
  },
};

/** Lines saying how a mode departs from the specification (printed and stored). */
export function modeCaveats(mode: BenchMode, sizes: BenchSizes): string[] {
  if (mode === 'full') return [];
  const lines = [
    `${mode} mode: ${sizes.rounds} measured round(s) per case instead of ${FULL.rounds}`,
    `${mode} mode: sampler windows of ${sizes.samplerSeconds} s instead of ${FULL.samplerSeconds} s, opened ${sizes.samplerSettleSeconds} s after start-up instead of ${FULL.samplerSettleSeconds} s`,
    `${mode} mode: event pipeline maps ${sizes.pipelineItems} tasks instead of ${FULL.pipelineItems}`,
  ];
  if (sizes.mapItems !== FULL.mapItems) {
    lines.push(`${mode} mode: map over ${sizes.mapItems} items instead of ${FULL.mapItems}`);
  }
  if (sizes.tasks !== FULL.tasks) {
    lines.push(`${mode} mode: ${sizes.tasks} single tasks instead of ${FULL.tasks}`);
  }
  if (sizes.queueItems !== FULL.queueItems) {
    lines.push(`${mode} mode: ${sizes.queueItems} queue items instead of ${FULL.queueItems}`);
  }
  if (mode === 'tiny') lines.push('tiny mode: proves the harness runs; the numbers mean nothing');
  return lines;
}
