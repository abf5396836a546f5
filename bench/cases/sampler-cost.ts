/**
 * `sampler-cost`: CPU time of a process that samples per-core load at 10 Hz, with Parascope's
 * sampler vs `systeminformation.currentLoad()` on the same cadence, alternately, each in a fresh
 * process (see probes/sampler-probe.ts). The number is percent of one core over the window.
 *
 * Parascope's window opens at its first sample: starting the sampler (a thread, the baseline
 * read) is paid once per start, not per 10 s, and is reported beside the result.
 *
 * A third arm wakes on the same cadence and does nothing: the floor that any sampler written
 * in Node pays on this machine, reported beside the result so the target can be judged
 * against what is physically possible.
 */
import { alternate, type Arm } from '../harness/alternate';
import { measuredCase } from '../harness/case-result';
import { runNodeProbe } from '../harness/probe';
import { median } from '../harness/stats';
import type { CaseResult } from '../harness/types';
import { numberField, type CaseContext } from './context';
import { caseSpec } from './specs';

interface SamplerSample {
  percentOfCore: number;
  cpuUsPerTick: number;
  /** CPU ms from subscribing to the first sample (Parascope's arm only; the others: null). */
  startCpuMs: number | null;
}

type Kind = 'parascope' | 'systeminformation' | 'timer';

/** Runs the case and returns its row. */
export async function runSamplerCost(ctx: CaseContext): Promise<CaseResult> {
  const { sizes } = ctx;
  const probe =
    (kind: Kind): Arm<SamplerSample> =>
    async (warmup) => {
      const result = await runNodeProbe(ctx.buildDir, 'sampler-probe', {
        kind,
        hz: sizes.samplerHz,
        // A warm-up only needs to load the modules and touch /proc a few times.
        seconds: warmup ? Math.min(0.5, sizes.samplerSeconds) : sizes.samplerSeconds,
      });
      return {
        percentOfCore: numberField('sampler-probe', result, 'percentOfCore'),
        cpuUsPerTick: numberField('sampler-probe', result, 'cpuUsPerTick'),
        startCpuMs: kind === 'parascope' ? numberField('sampler-probe', result, 'startCpuMs') : null,
      };
    };
  const results = await alternate(
    { parascope: probe('parascope'), systeminformation: probe('systeminformation'), timer: probe('timer') },
    {
      rounds: sizes.samplerRounds,
      warmup: sizes.warmup,
      onProgress: (line) => ctx.progress(`sampler: ${line}`),
    },
  );
  const pct = (kind: Kind): number[] => (results[kind] ?? []).map((s) => s.percentOfCore);
  const perTick = (kind: Kind): number => median((results[kind] ?? []).map((s) => s.cpuUsPerTick));
  const floor = median(pct('timer'));
  const startCpuMs = median((results.parascope ?? []).map((s) => s.startCpuMs ?? 0));
  const notes = [
    `a no-op ${sizes.samplerHz} Hz timer alone costs ${floor.toFixed(2)}% of one core here`,
    `starting the sampler (its thread, the baseline) costs ${startCpuMs.toFixed(1)} ms of CPU once, outside the window`,
  ];
  if (ctx.mode !== 'full') notes.push(`${sizes.samplerSeconds} s windows (${ctx.mode} mode) instead of 10 s`);
  return measuredCase(caseSpec('sampler-cost'), pct('parascope'), pct('systeminformation'), {
    note: notes.join('; '),
    details: {
      hz: sizes.samplerHz,
      windowSeconds: sizes.samplerSeconds,
      rounds: sizes.samplerRounds,
      floorPercentOfCore: floor,
      floorSamples: pct('timer'),
      startCpuMs,
      cpuUsPerTick: {
        parascope: perTick('parascope'),
        peer: perTick('systeminformation'),
        floor: perTick('timer'),
      },
    },
  });
}
