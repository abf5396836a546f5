/**
 * `map-throughput` and `tracing-overhead` (map half): one alternation of three arms over the
 * same workload, `map(square, range(n))` with the default chunksize on 2 workers: Python's
 * `Pool.map`, Parascope with tracing on, Parascope with tracing off. The traced runs serve
 * both cases (peer ratio and on/off ratio), which keeps a full run short.
 */
import { alternate, type Arm } from '../harness/alternate';
import { measuredCase } from '../harness/case-result';
import { median } from '../harness/stats';
import { runNodeProbe, runPythonProbe } from '../harness/probe';
import type { CaseResult } from '../harness/types';
import { numberField, type CaseContext } from './context';
import { caseSpec } from './specs';

/** One timed map. */
interface MapSample {
  itemsPerSecond: number;
  /** CPU time of the calling process (the pool's coordinator) during the map. */
  callerCpuSeconds: number;
}

function toSample(probe: string, result: unknown): MapSample {
  return {
    itemsPerSecond: numberField(probe, result, 'itemsPerSecond'),
    callerCpuSeconds: numberField(probe, result, 'callerCpuSeconds'),
  };
}

type ArmName = 'python' | 'traced' | 'untraced';

/** Runs the arms the wanted cases need and returns their rows. */
export async function runMapCases(ctx: CaseContext): Promise<CaseResult[]> {
  const { sizes } = ctx;
  const wantPeer = ctx.wanted.has('map-throughput');
  const wantOverhead = ctx.wanted.has('tracing-overhead');
  const itemsFor = (warmup: boolean): number => (warmup ? sizes.mapWarmupItems : sizes.mapItems);

  const parascope =
    (tracing: boolean): Arm<MapSample> =>
    async (warmup) =>
      toSample(
        'map-probe',
        await runNodeProbe(ctx.buildDir, 'map-probe', {
          items: itemsFor(warmup),
          processes: sizes.processes,
          // Warm up on the full size: the JIT then has seen the large-call paths before timing.
          warmupItems: itemsFor(warmup),
          repeats: warmup ? 1 : sizes.mapRepeats,
          tracing,
        }),
      );
  const python: Arm<MapSample> = async (warmup) =>
    toSample(
      'map_throughput.py',
      await runPythonProbe('map_throughput.py', [
        `--items=${itemsFor(warmup)}`,
        `--processes=${sizes.processes}`,
        `--warmup=${itemsFor(warmup)}`,
        `--repeat=${warmup ? 1 : sizes.mapRepeats}`,
      ]),
    );

  const arms: Partial<Record<ArmName, Arm<MapSample>>> = { traced: parascope(true) };
  if (wantPeer) arms.python = python;
  if (wantOverhead) arms.untraced = parascope(false);
  const results = await alternate(arms as Record<ArmName, Arm<MapSample>>, {
    rounds: sizes.rounds,
    warmup: sizes.warmup,
    onProgress: (line) => ctx.progress(`map: ${line}`),
  });

  const rate = (name: ArmName): number[] => (results[name] ?? []).map((s) => s.itemsPerSecond);
  const callerCpu = (name: ArmName): number | undefined =>
    results[name]?.length ? median(results[name].map((s) => s.callerCpuSeconds)) : undefined;
  /** Median of the per-round ratios: steadier than the ratio of medians when load drifts. */
  const paired = (a: ArmName, b: ArmName): number =>
    median(rate(a).map((value, i) => value / (rate(b)[i] ?? Number.NaN)));
  const common = {
    items: sizes.mapItems,
    processes: sizes.processes,
    rounds: sizes.rounds,
    mapsPerProbe: sizes.mapRepeats,
  };
  const rows: CaseResult[] = [];
  if (wantPeer) {
    rows.push(
      measuredCase(caseSpec('map-throughput'), rate('traced'), rate('python'), {
        details: {
          ...common,
          pairedRatio: paired('traced', 'python'),
          callerCpuSeconds: { parascope: callerCpu('traced'), peer: callerCpu('python') },
        },
      }),
    );
  }
  if (wantOverhead) {
    const row = measuredCase(caseSpec('tracing-overhead'), rate('traced'), rate('untraced'), {
      note: 'map half only; the task-throughput half needs applyAsync',
      details: {
        ...common,
        pairedRatio: paired('traced', 'untraced'),
        callerCpuSeconds: { tracingOn: callerCpu('traced'), tracingOff: callerCpu('untraced') },
      },
    });
    row.details = { ...row.details, slowdownPercent: (1 - (row.ratio ?? 1)) * 100 };
    rows.push(row);
  }
  return rows;
}
