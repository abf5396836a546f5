/**
 * `map-throughput` and the map half of `tracing-overhead` (cases/throughput.ts adds the task
 * half): `map(square, items)` over 10⁶ items with the default chunksize on 2 workers. Two arms alternate: Python's `Pool.map`, and a Parascope
 * probe that times the map with tracing on and, in the same process, with tracing off, call by
 * call (see probes/map-probe.ts). The traced calls serve both cases.
 */
import { alternate, type Arm } from '../harness/alternate';
import { measuredCase } from '../harness/case-result';
import { median } from '../harness/stats';
import { runNodeProbe, runPythonProbe } from '../harness/probe';
import type { CaseResult } from '../harness/types';
import { probeFailed } from '../harness/bench-errors';
import { numberField, type CaseContext } from './context';
import { caseSpec } from './specs';

/** One pool's timed maps in one probe. */
interface MapSample {
  /** Items/s of every timed map, in order. */
  perMap: number[];
  /** CPU time of the calling process (the pool's coordinator) per map, median. */
  callerCpuSeconds: number;
  /** Trace events one traced map produced (0 untraced). */
  events: number;
}

function toSample(probe: string, result: unknown, items: number): MapSample {
  const repeats = (result as { repeatSeconds?: unknown } | null)?.repeatSeconds;
  if (!Array.isArray(repeats) || !repeats.every((s) => typeof s === 'number' && s > 0)) {
    throw probeFailed(probe, 'result field repeatSeconds is not a list of positive numbers', '');
  }
  const events = (result as { events?: unknown }).events;
  return {
    perMap: repeats.map((seconds: number) => items / seconds),
    callerCpuSeconds: numberField(probe, result, 'callerCpuSeconds'),
    events: typeof events === 'number' ? events : 0,
  };
}

interface ArmSample {
  traced: MapSample;
  untraced?: MapSample;
}

/** Runs the arms the wanted cases need and returns their rows. */
export async function runMapCases(ctx: CaseContext): Promise<CaseResult[]> {
  const { sizes } = ctx;
  const wantPeer = ctx.wanted.has('map-throughput');
  const wantOverhead = ctx.wanted.has('tracing-overhead');
  const itemsFor = (warmup: boolean): number => (warmup ? sizes.mapWarmupItems : sizes.mapItems);
  const repeatsFor = (warmup: boolean): number => (warmup ? 1 : sizes.mapRepeats);

  const parascope: Arm<ArmSample> = async (warmup) => {
    const result = (await runNodeProbe(ctx.buildDir, 'map-probe', {
      items: itemsFor(warmup),
      processes: sizes.processes,
      // Warm up on the full size: the JIT has then seen the large-call paths before timing.
      warmupItems: itemsFor(warmup),
      repeats: repeatsFor(warmup),
      untraced: wantOverhead,
    })) as { traced?: unknown; untraced?: unknown };
    return {
      traced: toSample('map-probe', result.traced, itemsFor(warmup)),
      ...(wantOverhead ? { untraced: toSample('map-probe', result.untraced, itemsFor(warmup)) } : {}),
    };
  };
  const python: Arm<ArmSample> = async (warmup) => ({
    traced: toSample(
      'map_throughput.py',
      await runPythonProbe('map_throughput.py', [
        `--items=${itemsFor(warmup)}`,
        `--processes=${sizes.processes}`,
        `--warmup=${itemsFor(warmup)}`,
        `--repeat=${repeatsFor(warmup)}`,
      ]),
      itemsFor(warmup),
    ),
  });

  const arms: Partial<Record<'python' | 'parascope', Arm<ArmSample>>> = { parascope };
  if (wantPeer) arms.python = python;
  const results = await alternate(arms, {
    rounds: sizes.rounds,
    warmup: sizes.warmup,
    onProgress: (line) => ctx.progress(`map: ${line}`),
  });
  const pick = (samples: readonly ArmSample[] | undefined, key: 'traced' | 'untraced'): MapSample[] =>
    (samples ?? []).map((s) => s[key]).filter((s) => s !== undefined);
  const traced = pick(results.parascope, 'traced');
  /** Every timed map of every round, pooled: the medians are taken over these. */
  const rate = (samples: MapSample[]): number[] => samples.flatMap((s) => s.perMap);
  const cpu = (samples: MapSample[]): number => median(samples.map((s) => s.callerCpuSeconds));
  /**
   * Median of per-map ratios, map i of one arm against map i of the other in the same round
   * (and, for tracing on/off, the same process, back to back): immune to drift between rounds.
   */
  const paired = (a: MapSample[], b: MapSample[]): number =>
    median(a.flatMap((s, i) => s.perMap.map((v, j) => v / (b[i]?.perMap[j] ?? Number.NaN))));
  const common = {
    items: sizes.mapItems,
    processes: sizes.processes,
    rounds: sizes.rounds,
    mapsPerProbe: sizes.mapRepeats,
    tracedEventsPerMap: median(traced.map((s) => s.events)),
  };

  const rows: CaseResult[] = [];
  if (wantPeer) {
    const peer = pick(results.python, 'traced');
    rows.push(
      measuredCase(caseSpec('map-throughput'), rate(traced), rate(peer), {
        details: {
          ...common,
          pairedRatio: paired(traced, peer),
          callerCpuSeconds: { parascope: cpu(traced), peer: cpu(peer) },
        },
      }),
    );
  }
  if (wantOverhead) {
    const untraced = pick(results.parascope, 'untraced');
    const row = measuredCase(caseSpec('tracing-overhead'), rate(traced), rate(untraced), {
      details: {
        ...common,
        pairedRatio: paired(traced, untraced),
        callerCpuSeconds: { tracingOn: cpu(traced), tracingOff: cpu(untraced) },
      },
    });
    row.details = { ...row.details, slowdownPercent: (1 - (row.ratio ?? 1)) * 100 };
    rows.push(row);
  }
  return rows;
}
