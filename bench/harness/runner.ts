/**
 * Runs the benchmark: builds the probes, runs the wanted cases one after another (a case's
 * failure becomes an `error` row, the others still run), and returns the results in the
 * issue's case order.
 */
import os from 'node:os';
import { runEventPipeline } from '../cases/event-pipeline';
import { runLockCase } from '../cases/lock-cases';
import { runQueueThroughput } from '../cases/queue-throughput';
import { runSamplerCost } from '../cases/sampler-cost';
import { CASE_SPECS, caseSpec } from '../cases/specs';
import { runThroughputCases } from '../cases/throughput';
import type { CaseContext } from '../cases/context';
import { buildProbes } from './build';
import { unmeasuredCase } from './case-result';
import { setProbeTimeout } from './probe';
import { describeMachine } from './machine';
import { SIZES } from './sizes';
import type { BenchMode, BenchResults, CaseId, CaseResult } from './types';

/** What {@link runBench} needs. */
export interface RunBenchOptions {
  mode: BenchMode;
  only: ReadonlySet<CaseId>;
  /** Progress lines; defaults to stderr. */
  progress?: (line: string) => void;
}

/** A group of cases measured together, and the function that measures them. */
interface Group {
  ids: readonly CaseId[];
  run(ctx: CaseContext): Promise<CaseResult[]>;
}

const GROUPS: readonly Group[] = [
  { ids: ['map-throughput', 'task-throughput', 'tracing-overhead'], run: runThroughputCases },
  { ids: ['lock-process'], run: async (ctx) => [await runLockCase(ctx, 'lock-process')] },
  { ids: ['lock-thread'], run: async (ctx) => [await runLockCase(ctx, 'lock-thread')] },
  { ids: ['queue-throughput'], run: async (ctx) => [await runQueueThroughput(ctx)] },
  { ids: ['event-pipeline'], run: async (ctx) => [await runEventPipeline(ctx)] },
  { ids: ['sampler-cost'], run: async (ctx) => [await runSamplerCost(ctx)] },
];

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs the benchmark and returns its results (it writes nothing). */
export async function runBench(options: RunBenchOptions): Promise<BenchResults> {
  const progress = options.progress ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const machine = describeMachine(new Date());
  const rows = new Map<CaseId, CaseResult>();
  const sizes = SIZES[options.mode];
  setProbeTimeout(sizes.probeTimeoutMs);
  const groups = GROUPS.filter((g) => g.ids.some((id) => options.only.has(id)));
  if (groups.length > 0) {
    progress('building the probes…');
    const build = await buildProbes();
    try {
      for (const group of groups) {
        const wanted = new Set(group.ids.filter((id) => options.only.has(id)));
        const ctx: CaseContext = { mode: options.mode, sizes, buildDir: build.dir, wanted, progress };
        try {
          for (const row of await group.run(ctx)) rows.set(row.id, row);
        } catch (error) {
          progress(`${[...wanted].join(', ')} failed: ${message(error)}`);
          for (const id of wanted) rows.set(id, unmeasuredCase(caseSpec(id), 'error', message(error)));
        }
      }
    } finally {
      await build.dispose();
    }
  }
  machine.loadAverage.end = os.loadavg()[0] ?? 0;
  const cases = CASE_SPECS.map((spec) => rows.get(spec.id)).filter((row) => row !== undefined);
  return { machine, mode: options.mode, cases };
}
