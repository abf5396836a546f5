/**
 * `queue-throughput`: items/s from a producer child process through a Queue to the parent,
 * 100 000 integers. Two arms alternate, a fresh process per round: Python's
 * multiprocessing.Queue with a Process producer (bench/python/queue_throughput.py), and the
 * Parascope probe (probes/queue-probe.ts, which mirrors it; tracing on, and off in the same
 * process for the details).
 */
import { alternate, type Arm } from '../harness/alternate';
import { measuredCase } from '../harness/case-result';
import { probeFailed } from '../harness/bench-errors';
import { runNodeProbe, runPythonProbe } from '../harness/probe';
import { median } from '../harness/stats';
import type { CaseResult } from '../harness/types';
import type { CaseContext } from './context';
import { caseSpec } from './specs';

interface QueueSample {
  rates: number[];
  untracedRates?: number[];
  via?: string;
  eventsByType?: unknown;
}

function rates(probe: string, value: unknown, items: number, field: string): number[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && v > 0)) {
    throw probeFailed(probe, `result field ${field} is not a list of positive numbers`, '');
  }
  return (value as number[]).map((seconds) => items / seconds);
}

/** Runs the case and returns its row. */
export async function runQueueThroughput(ctx: CaseContext): Promise<CaseResult> {
  const { sizes } = ctx;
  const itemsFor = (warmup: boolean): number =>
    warmup ? Math.ceil(sizes.queueItems / 10) : sizes.queueItems;
  const repeatsFor = (warmup: boolean): number => (warmup ? 1 : sizes.queueRepeats);

  const parascope: Arm<QueueSample> = async (warmup) => {
    const items = itemsFor(warmup);
    const result = (await runNodeProbe(ctx.buildDir, 'queue-probe', {
      items,
      warmupItems: sizes.queueWarmup,
      repeats: repeatsFor(warmup),
      untraced: true,
    })) as {
      via?: unknown;
      traced?: { seconds?: unknown; eventsByType?: unknown };
      untraced?: { seconds?: unknown };
    };
    return {
      rates: rates('queue-probe', result.traced?.seconds, items, 'traced.seconds'),
      untracedRates: rates('queue-probe', result.untraced?.seconds, items, 'untraced.seconds'),
      via: String(result.via),
      eventsByType: result.traced?.eventsByType,
    };
  };
  const python: Arm<QueueSample> = async (warmup) => {
    const items = itemsFor(warmup);
    const result = (await runPythonProbe('queue_throughput.py', [
      `--items=${items}`,
      `--warmup=${sizes.queueWarmup}`,
      `--repeat=${repeatsFor(warmup)}`,
    ])) as { repeatSeconds?: unknown } | null;
    return { rates: rates('queue_throughput.py', result?.repeatSeconds, items, 'repeatSeconds') };
  };

  const results = await alternate(
    { python, parascope },
    { rounds: sizes.rounds, warmup: sizes.warmup, onProgress: (line) => ctx.progress(`queue: ${line}`) },
  );
  const ours = results.parascope ?? [];
  const untraced = median(ours.flatMap((s) => s.untracedRates ?? []));
  const via = ours[0]?.via ?? 'unknown';
  return measuredCase(
    caseSpec('queue-throughput'),
    ours.flatMap((s) => s.rates),
    (results.python ?? []).flatMap((s) => s.rates),
    {
      note: `producer is a ${via}, tracing on; tracing off: ${Math.round(untraced)} items/s`,
      details: {
        items: sizes.queueItems,
        rounds: sizes.rounds,
        runsPerProbe: sizes.queueRepeats,
        producer: via,
        tracingOffItemsPerSecond: untraced,
        tracedEventsByType: ours[ours.length - 1]?.eventsByType,
      },
    },
  );
}
