/**
 * `event-pipeline`: trace events per second from pool workers, through the session process
 * and the host, to a browser-shell WebSocket client, with every event accounted for (see
 * probes/pipeline-host.ts). No peer: the target is absolute. Host CPU is reported beside it.
 */
import { alternate } from '../harness/alternate';
import { measuredCase } from '../harness/case-result';
import { runNodeProbe } from '../harness/probe';
import { median } from '../harness/stats';
import type { CaseResult } from '../harness/types';
import { numberField, type CaseContext } from './context';
import { caseSpec } from './specs';

const FIELDS = [
  'eventsPerSecond',
  'producedPerSecond',
  'events',
  'windowSeconds',
  'lastBatchLatencyMs',
  'hostCpuPercentOfCore',
  'hostCpuUsPerEvent',
] as const;
type PipelineSample = Record<(typeof FIELDS)[number], number> & {
  cpuUsPerEvent: Record<string, number | null>;
};

/** Runs the case and returns its row. */
export async function runEventPipeline(ctx: CaseContext): Promise<CaseResult> {
  const { sizes } = ctx;
  const results = await alternate(
    {
      parascope: async (warmup: boolean): Promise<PipelineSample> => {
        const result = await runNodeProbe(ctx.buildDir, 'pipeline-host', {
          tasks: warmup ? Math.min(sizes.pipelineItems, 10_000) : sizes.pipelineItems,
          workers: sizes.processes,
        });
        const sample = {
          cpuUsPerEvent: (result as { cpuUsPerEvent?: Record<string, number | null> }).cpuUsPerEvent ?? {},
        } as PipelineSample;
        for (const field of FIELDS) sample[field] = numberField('pipeline-host', result, field);
        return sample;
      },
    },
    { rounds: sizes.rounds, warmup: sizes.warmup, onProgress: (line) => ctx.progress(`pipeline: ${line}`) },
  );
  const runs = results.parascope ?? [];
  const medianOf = (field: (typeof FIELDS)[number]): number => median(runs.map((s) => s[field]));
  // `host` is `hostDelivery` (until the last batch) plus `hostRunEnd` (insights, before the final status).
  const stages = ['workers', 'session', 'host', 'hostDelivery', 'hostRunEnd', 'client'];
  const cpuUsPerEvent = Object.fromEntries(
    stages.map((stage) => {
      const values = runs.map((s) => s.cpuUsPerEvent[stage]);
      return [stage, values.every((v) => typeof v === 'number') ? median(values as number[]) : null];
    }),
  );
  return measuredCase(
    caseSpec('event-pipeline'),
    runs.map((s) => s.eventsPerSecond),
    null,
    {
      note: `no loss: all ${medianOf('events')} events arrived; host CPU ${medianOf('hostCpuPercentOfCore').toFixed(0)}% of one core`,
      details: {
        tasks: sizes.pipelineItems,
        processes: sizes.processes,
        rounds: sizes.rounds,
        events: medianOf('events'),
        producedPerSecond: medianOf('producedPerSecond'),
        windowSeconds: medianOf('windowSeconds'),
        lastBatchLatencyMs: medianOf('lastBatchLatencyMs'),
        hostCpuPercentOfCore: medianOf('hostCpuPercentOfCore'),
        hostCpuUsPerEvent: medianOf('hostCpuUsPerEvent'),
        cpuUsPerEvent,
      },
    },
  );
}
