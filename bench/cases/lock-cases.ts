/**
 * `lock-process` and `lock-thread`: µs per lock+increment (acquire a Lock, increment a shared
 * Value, release), uncontended in one worker and contended by two, each a part of its row.
 * Two arms alternate, a fresh process per round: the Python peer (Manager().Lock() for the
 * process case, multiprocessing.Lock for the thread case; see bench/python/lock_*.py) and the
 * Parascope probe (probes/lock-probe.ts: a pool of the case's backend, tracing on and, in the
 * same process, off).
 */
import { alternate, type Arm } from '../harness/alternate';
import { measuredParts, part } from '../harness/case-result';
import { probeFailed } from '../harness/bench-errors';
import { runNodeProbe, runPythonProbe } from '../harness/probe';
import { median } from '../harness/stats';
import type { CaseResult } from '../harness/types';
import type { CaseContext } from './context';
import { caseSpec } from './specs';

/** One probe's measurements, µs per lock+increment. */
interface LockSample {
  uncontended: number[];
  contended: number[];
  untraced?: { uncontended: number[]; contended: number[] };
  extra?: Record<string, unknown>;
}

function usList(probe: string, value: unknown, field: string): number[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isFinite(v) && v > 0)) {
    throw probeFailed(probe, `result field ${field} is not a list of positive numbers`, '');
  }
  return value as number[];
}

const CASES = {
  'lock-process': { backend: 'process', script: 'lock_process.py', peer: 'Python Manager().Lock()' },
  'lock-thread': { backend: 'thread', script: 'lock_thread.py', peer: 'Python multiprocessing.Lock' },
} as const;

/** Runs one lock case and returns its row. */
export async function runLockCase(ctx: CaseContext, id: keyof typeof CASES): Promise<CaseResult> {
  const { sizes } = ctx;
  const { backend, script, peer } = CASES[id];
  const full = backend === 'process' ? sizes.lockProcessIterations : sizes.lockThreadIterations;
  // The warm-up round runs a tenth of the work: enough to start everything and warm the JIT.
  const iterationsFor = (warmup: boolean): typeof full =>
    warmup
      ? { uncontended: Math.ceil(full.uncontended / 10), contended: Math.ceil(full.contended / 10) }
      : full;
  const repeatsFor = (warmup: boolean): number => (warmup ? 1 : sizes.lockRepeats);

  const parascope: Arm<LockSample> = async (warmup) => {
    const n = iterationsFor(warmup);
    const result = (await runNodeProbe(ctx.buildDir, 'lock-probe', {
      backend,
      iterations: n.uncontended,
      contendedIterations: n.contended,
      repeats: repeatsFor(warmup),
      untraced: true,
    })) as Record<string, Record<string, unknown> | undefined>;
    const traced = result.traced ?? {};
    const untraced = result.untraced ?? {};
    return {
      uncontended: usList('lock-probe', traced.uncontendedUs, 'traced.uncontendedUs'),
      contended: usList('lock-probe', traced.contendedUs, 'traced.contendedUs'),
      untraced: {
        uncontended: usList('lock-probe', untraced.uncontendedUs, 'untraced.uncontendedUs'),
        contended: usList('lock-probe', untraced.contendedUs, 'untraced.contendedUs'),
      },
      extra: { valueAccess: traced.valueAccess, tracedEventsByType: traced.eventsByType },
    };
  };
  const python: Arm<LockSample> = async (warmup) => {
    const n = iterationsFor(warmup);
    const result = (await runPythonProbe(script, [
      `--iterations=${n.uncontended}`,
      `--contended-iterations=${n.contended}`,
      `--repeat=${repeatsFor(warmup)}`,
    ])) as Record<string, unknown> | null;
    return {
      uncontended: usList(script, result?.uncontendedRuns, 'uncontendedRuns'),
      contended: usList(script, result?.contendedRuns, 'contendedRuns'),
    };
  };

  const results = await alternate(
    { python, parascope },
    { rounds: sizes.rounds, warmup: sizes.warmup, onProgress: (line) => ctx.progress(`${id}: ${line}`) },
  );
  const ours = results.parascope ?? [];
  const theirs = results.python ?? [];
  const spec = caseSpec(id);
  const pooled = (samples: LockSample[], pick: (s: LockSample) => number[] | undefined): number[] =>
    samples.flatMap((s) => pick(s) ?? []);
  const parts = (['uncontended', 'contended'] as const).map((kind) =>
    part({
      label: kind,
      parascope: pooled(ours, (s) => s[kind]),
      peer: pooled(theirs, (s) => s[kind]),
      peerName: peer,
      unit: spec.unit,
      target: spec.target,
    }),
  );
  const untraced = {
    uncontended: median(pooled(ours, (s) => s.untraced?.uncontended)),
    contended: median(pooled(ours, (s) => s.untraced?.contended)),
  };
  const last = ours[ours.length - 1]?.extra ?? {};
  return measuredParts(spec, parts, {
    note:
      `${backend} backend, tracing on; tracing off: ${untraced.uncontended.toPrecision(3)} µs uncontended, ` +
      `${untraced.contended.toPrecision(3)} µs contended`,
    details: {
      backend,
      iterations: full,
      rounds: sizes.rounds,
      runsPerProbe: sizes.lockRepeats,
      tracingOffUs: untraced,
      tracingOffRatio: {
        uncontended: untraced.uncontended / parts[0]!.peer,
        contended: untraced.contended / parts[1]!.peer,
      },
      ...last,
      samples: {
        uncontended: {
          parascope: pooled(ours, (s) => s.uncontended),
          peer: pooled(theirs, (s) => s.uncontended),
        },
        contended: { parascope: pooled(ours, (s) => s.contended), peer: pooled(theirs, (s) => s.contended) },
      },
    },
  });
}
