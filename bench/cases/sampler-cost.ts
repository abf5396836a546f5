/**
 * `sampler-cost`: CPU time of sampling per-core load at 10 Hz, with Parascope's sampler as the
 * host runs it (its native helper: the helper's CPU time plus the host's) vs
 * `systeminformation.currentLoad()` on the same cadence, alternately, each in a fresh process
 * (see probes/sampler-probe.ts). The number is percent of one core over the window.
 *
 * Parascope's window opens at a delivery of samples: starting the sampler (the helper, the
 * baseline read) is paid once per start, not per 10 s, and is reported beside the result.
 *
 * Two more arms are reported beside it: the sampler on its thread (the fallback where no helper
 * was built), and a Node process that wakes on the same cadence and does nothing, the floor of
 * any sampler that lives in a Node process.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { alternate, type Arm } from '../harness/alternate';
import { REPO_ROOT } from '../harness/build';
import { measuredCase } from '../harness/case-result';
import { runNodeProbe } from '../harness/probe';
import { median } from '../harness/stats';
import type { CaseResult } from '../harness/types';
import { numberField, type CaseContext } from './context';
import { caseSpec } from './specs';

interface SamplerSample {
  percentOfCore: number;
  cpuUsPerTick: number;
  /** CPU ms from subscribing to the first delivery (Parascope's arms only; the others: null). */
  startCpuMs: number | null;
  /** CPU ms over the window, all of it. */
  cpuMs: number;
  /** Of that, the native helper's (the rest is the sampling process's). */
  helperCpuMs: number;
}

type Kind = 'parascope' | 'parascope-thread' | 'systeminformation' | 'timer';

/**
 * Compiles the native helper into the probes' build, where the sampler looks for it
 * (`out/native/` beside its tree), from the source as it is now.
 */
function buildHelper(buildDir: string): void {
  const script = join(REPO_ROOT, 'scripts', 'build-native.mjs');
  const built = spawnSync(process.execPath, [script, '--require', '--out', join(buildDir, 'out', 'native')], {
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`sampler-cost: the native helper did not build\n${built.stderr}`);
}

/** Runs the case and returns its row. */
export async function runSamplerCost(ctx: CaseContext): Promise<CaseResult> {
  const { sizes } = ctx;
  buildHelper(ctx.buildDir);
  const probe =
    (kind: Kind): Arm<SamplerSample> =>
    async (warmup) => {
      const result = await runNodeProbe(ctx.buildDir, 'sampler-probe', {
        kind,
        hz: sizes.samplerHz,
        // A warm-up only needs to load the modules and touch /proc a few times.
        seconds: warmup ? Math.min(0.5, sizes.samplerSeconds) : sizes.samplerSeconds,
        settleSeconds: warmup ? 0 : sizes.samplerSettleSeconds,
      });
      return {
        percentOfCore: numberField('sampler-probe', result, 'percentOfCore'),
        cpuUsPerTick: numberField('sampler-probe', result, 'cpuUsPerTick'),
        startCpuMs: kind.startsWith('parascope') ? numberField('sampler-probe', result, 'startCpuMs') : null,
        helperCpuMs: numberField('sampler-probe', result, 'helperCpuMs'),
        cpuMs: numberField('sampler-probe', result, 'cpuMs'),
      };
    };
  const results = await alternate(
    {
      parascope: probe('parascope'),
      systeminformation: probe('systeminformation'),
      'parascope-thread': probe('parascope-thread'),
      timer: probe('timer'),
    },
    {
      rounds: sizes.samplerRounds,
      warmup: sizes.warmup,
      onProgress: (line) => ctx.progress(`sampler: ${line}`),
    },
  );
  const pct = (kind: Kind): number[] => (results[kind] ?? []).map((s) => s.percentOfCore);
  const perTick = (kind: Kind): number => median((results[kind] ?? []).map((s) => s.cpuUsPerTick));
  const floor = median(pct('timer'));
  const thread = median(pct('parascope-thread'));
  const startCpuMs = median((results.parascope ?? []).map((s) => s.startCpuMs ?? 0));
  // How the native arm's CPU splits between the helper and the host woken by its deliveries.
  const helperShare = median(
    (results.parascope ?? []).map((s) => (s.cpuMs > 0 ? s.helperCpuMs / s.cpuMs : 0)),
  );
  const notes = [
    `native helper ${(helperShare * 100).toFixed(0)}% of it, the host the rest; on its thread instead ${thread.toFixed(2)}%; a no-op ${sizes.samplerHz} Hz Node timer alone ${floor.toFixed(2)}%`,
    `starting the sampler (the helper, the baseline) costs ${startCpuMs.toFixed(1)} ms of CPU once, outside the window`,
  ];
  notes.push(
    ctx.mode === 'full'
      ? `each window opens after ${sizes.samplerSettleSeconds} s of the same work (start-up GC over)`
      : `${sizes.samplerSeconds} s windows opened at start-up (${ctx.mode} mode), so start-up GC falls in them`,
  );
  return measuredCase(caseSpec('sampler-cost'), pct('parascope'), pct('systeminformation'), {
    note: notes.join('; '),
    details: {
      hz: sizes.samplerHz,
      windowSeconds: sizes.samplerSeconds,
      settleSeconds: sizes.samplerSettleSeconds,
      rounds: sizes.samplerRounds,
      floorPercentOfCore: floor,
      floorSamples: pct('timer'),
      threadPercentOfCore: thread,
      threadSamples: pct('parascope-thread'),
      helperShareOfCpu: helperShare,
      startCpuMs,
      cpuUsPerTick: {
        parascope: perTick('parascope'),
        peer: perTick('systeminformation'),
        thread: perTick('parascope-thread'),
        floor: perTick('timer'),
      },
    },
  });
}
