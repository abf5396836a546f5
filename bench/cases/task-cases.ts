/**
 * `task-throughput` and the task half of `tracing-overhead`: 50 000 single tasks `inc(i)`
 * submitted with `applyAsync`, pipelined, on 2 workers. Three arms alternate, each a fresh
 * process per round: Python's `Pool(2).apply_async`, piscina's `run` on 2 threads, and a
 * Parascope probe that times, side by side in one process, a traced process-backend pool (the
 * headline), an untraced one (tracing-overhead) and a traced thread-backend pool (reported in
 * the details; the pool default is the process backend).
 */
import { alternate, type Arm } from '../harness/alternate';
import { measuredParts, part } from '../harness/case-result';
import { probeFailed } from '../harness/bench-errors';
import { runNodeProbe, runPythonProbe } from '../harness/probe';
import { median } from '../harness/stats';
import type { CasePart, CaseResult } from '../harness/types';
import { numberField, type CaseContext } from './context';
import { caseSpec } from './specs';

/** Timed runs of one arm (or one pool of the Parascope probe). */
interface Runs {
  /** Tasks/s of every timed run. */
  rates: number[];
  /** CPU time of the calling process per run (for the thread pools: every thread of it). */
  callerCpuSeconds: number[];
  /** Trace events per traced run. */
  events: number;
}

type Sample = Partial<
  Record<'python' | 'piscina' | 'process' | 'processUntraced' | 'processDecoded' | 'thread', Runs>
>;

function positiveList(probe: string, value: unknown, field: string): number[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && v > 0)) {
    throw probeFailed(probe, `result field ${field} is not a list of positive numbers`, '');
  }
  return value as number[];
}

function toRuns(probe: string, result: unknown, tasks: number, field = ''): Runs {
  const r = (result ?? {}) as {
    seconds?: unknown;
    repeatSeconds?: unknown;
    callerCpuSeconds?: unknown;
    events?: unknown;
  };
  const seconds = positiveList(probe, r.repeatSeconds ?? r.seconds, `${field}seconds`);
  const cpu = r.callerCpuSeconds;
  return {
    rates: seconds.map((s) => tasks / s),
    callerCpuSeconds: Array.isArray(cpu)
      ? (cpu as number[])
      : [numberField(probe, result, 'callerCpuSeconds')],
    events: typeof r.events === 'number' ? r.events : 0,
  };
}

/** What this group produces: the task-throughput row and the task half of tracing-overhead. */
export interface TaskOutcome {
  row: CaseResult | null;
  overheadHalf: { part: CasePart; details: Record<string, unknown> } | null;
}

/** Runs the arms the wanted cases need. */
export async function runTaskCases(ctx: CaseContext): Promise<TaskOutcome> {
  const { sizes } = ctx;
  const wantTask = ctx.wanted.has('task-throughput');
  const wantOverhead = ctx.wanted.has('tracing-overhead');
  const tasksFor = (warmup: boolean): number => (warmup ? sizes.taskWarmup : sizes.tasks);
  const repeatsFor = (warmup: boolean): number => (warmup ? 1 : sizes.taskRepeats);
  // The thread pool serves only task-throughput's note; tracing-overhead alone skips it.
  const thread = wantTask;

  // Each probe process starts with the next arm (see the probe's `rotate`).
  let probeRuns = 0;
  const parascope: Arm<Sample> = async (warmup) => {
    const result = (await runNodeProbe(ctx.buildDir, 'task-probe', {
      tasks: tasksFor(warmup),
      warmupTasks: sizes.taskWarmup,
      processes: sizes.processes,
      repeats: repeatsFor(warmup),
      untraced: wantOverhead,
      thread,
      // What a decoding onTrace costs (a detail of tracing-overhead).
      decoded: wantOverhead,
      rotate: warmup ? 0 : probeRuns++,
    })) as { arms?: Record<string, unknown> };
    const sample: Sample = {};
    for (const name of ['process', 'processUntraced', 'processDecoded', 'thread'] as const) {
      const arm = result.arms?.[name];
      if (arm !== undefined) sample[name] = toRuns('task-probe', arm, tasksFor(warmup), `arms.${name}.`);
    }
    if (sample.process === undefined) throw probeFailed('task-probe', 'no result for the process pool', '');
    return sample;
  };
  const python: Arm<Sample> = async (warmup) => ({
    python: toRuns(
      'task_throughput.py',
      await runPythonProbe('task_throughput.py', [
        `--tasks=${tasksFor(warmup)}`,
        `--processes=${sizes.processes}`,
        `--warmup=${sizes.taskWarmup}`,
        `--repeat=${repeatsFor(warmup)}`,
      ]),
      tasksFor(warmup),
    ),
  });
  const piscina: Arm<Sample> = async (warmup) => ({
    piscina: toRuns(
      'piscina-probe',
      await runNodeProbe(ctx.buildDir, 'piscina-probe', {
        tasks: tasksFor(warmup),
        warmupTasks: sizes.taskWarmup,
        threads: sizes.processes,
        repeats: repeatsFor(warmup),
      }),
      tasksFor(warmup),
    ),
  });

  const arms: Partial<Record<'python' | 'piscina' | 'parascope', Arm<Sample>>> = { parascope };
  if (wantTask) Object.assign(arms, { python, piscina });
  const results = await alternate(arms, {
    rounds: sizes.rounds,
    warmup: sizes.warmup,
    onProgress: (line) => ctx.progress(`tasks: ${line}`),
  });
  const samples = Object.values(results).flat() as Sample[];
  const pooled = (key: keyof Sample): Runs | null => {
    const runs = samples.map((s) => s[key]).filter((r) => r !== undefined);
    if (runs.length === 0) return null;
    return {
      rates: runs.flatMap((r) => r.rates),
      callerCpuSeconds: runs.flatMap((r) => r.callerCpuSeconds),
      events: median(runs.map((r) => r.events)),
    };
  };
  const traced = pooled('process')!;
  const summary = (runs: Runs | null): Record<string, number> | null =>
    runs && {
      tasksPerSecond: median(runs.rates),
      callerCpuSecondsPerRun: median(runs.callerCpuSeconds),
      ...(runs.events > 0 ? { traceEventsPerRun: runs.events } : {}),
    };
  const common = {
    tasks: sizes.tasks,
    processes: sizes.processes,
    rounds: sizes.rounds,
    runsPerProbe: sizes.taskRepeats,
  };

  let row: CaseResult | null = null;
  if (wantTask) {
    const spec = caseSpec('task-throughput');
    const py = pooled('python')!;
    const pi = pooled('piscina')!;
    const parts = [
      part({
        label: 'vs Python',
        parascope: traced.rates,
        peer: py.rates,
        peerName: 'Python Pool(2).apply_async',
        unit: spec.unit,
        target: { metric: 'ratio', op: '>=', value: 5, text: '>= 5x Python' },
      }),
      part({
        label: 'vs piscina',
        parascope: traced.rates,
        peer: pi.rates,
        peerName: 'piscina run, 2 threads',
        unit: spec.unit,
        target: { metric: 'ratio', op: '>=', value: 2, text: '>= 2x piscina' },
      }),
    ];
    const threadRuns = pooled('thread');
    const notes = ['process backend (the pool default), tracing on'];
    if (threadRuns) {
      const rate = median(threadRuns.rates);
      notes.push(
        `thread backend, tracing on: ${Math.round(rate)} tasks/s (${(rate / parts[0]!.peer).toFixed(2)}x Python, ${(rate / parts[1]!.peer).toFixed(2)}x piscina)`,
      );
    }
    row = measuredParts(spec, parts, {
      note: notes.join('; '),
      details: {
        ...common,
        parascope: summary(traced),
        parascopeThread: summary(threadRuns),
        python: summary(py),
        piscina: summary(pi),
        samples: {
          parascope: traced.rates,
          ...(threadRuns ? { parascopeThread: threadRuns.rates } : {}),
          python: py.rates,
          piscina: pi.rates,
        },
      },
    });
  }

  let overheadHalf: TaskOutcome['overheadHalf'] = null;
  const untraced = pooled('processUntraced');
  const decoded = pooled('processDecoded');
  if (wantOverhead && untraced) {
    overheadHalf = {
      part: part({
        label: 'task half',
        parascope: traced.rates,
        peer: untraced.rates,
        peerName: 'Parascope itself, tracing off',
        unit: 'tasks/s',
        target: caseSpec('tracing-overhead').target,
      }),
      details: {
        ...common,
        // Tracing on = chunks to a sink that counts their records, as the session process does.
        tracingOn: summary(traced),
        tracingOff: summary(untraced),
        // The same pool traced into an `onTrace` that gets decoded events (a user's sink).
        ...(decoded ? { tracingOnDecodedOnTrace: summary(decoded) } : {}),
        samples: {
          tracingOn: traced.rates,
          tracingOff: untraced.rates,
          ...(decoded ? { tracingOnDecodedOnTrace: decoded.rates } : {}),
        },
      },
    };
  }
  return { row, overheadHalf };
}
