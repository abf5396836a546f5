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
  samplerHz: number;
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
  samplerHz: 10,
};

/** Sizes per mode. */
export const SIZES: Readonly<Record<BenchMode, BenchSizes>> = {
  full: FULL,
  quick: { ...FULL, rounds: 3, mapRepeats: 11, pipelineItems: 100_000, samplerSeconds: 3 },
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
  },
};

/** Lines saying how a mode departs from the specification (printed and stored). */
export function modeCaveats(mode: BenchMode, sizes: BenchSizes): string[] {
  if (mode === 'full') return [];
  const lines = [
    `${mode} mode: ${sizes.rounds} measured round(s) per case instead of ${FULL.rounds}`,
    `${mode} mode: sampler windows of ${sizes.samplerSeconds} s instead of ${FULL.samplerSeconds} s`,
    `${mode} mode: event pipeline maps ${sizes.pipelineItems} tasks instead of ${FULL.pipelineItems}`,
  ];
  if (sizes.mapItems !== FULL.mapItems) {
    lines.push(`${mode} mode: map over ${sizes.mapItems} items instead of ${FULL.mapItems}`);
  }
  if (mode === 'tiny') lines.push('tiny mode: proves the harness runs; the numbers mean nothing');
  return lines;
}
