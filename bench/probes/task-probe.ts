/**
 * Probe: `task-throughput` on Parascope. `tasks` single tasks, `inc(i)`, submitted with
 * `pool.applyAsync` all at once (pipelined), then every result awaited with `.get()`, as the
 * Python peer does. Several pools of `processes` workers run side by side in this process, one
 * per arm, call by call, alternating the order: process backend traced (the headline),
 * process backend untraced (the task half of `tracing-overhead`) and, when asked, thread
 * backend traced and process backend traced into a decoding `onTrace`. Each pool first runs
 * `warmupTasks` the same way (workers up, JIT warm).
 *
 * "Traced" means what the app does: the trace arrives as chunks (`onTraceChunk`), counted with
 * `chunkEventCount` and by their records' codes, undecoded, as the session process counts them
 * before forwarding them as they are. The `decoded` arm shows what a user's `onTrace` (events,
 * decoded for it) costs instead.
 *
 * Checked work: every result is right and, when traced, the trace shows every task ending by
 * the time its result is in.
 *
 * Args (JSON): { tasks, warmupTasks, processes, repeats, untraced: boolean, thread: boolean,
 * decoded?: boolean, rotate?: number }. `rotate` shifts which arm goes first: the first timed
 * run of a process pays for growing its heap to the full size, so with one repeat per process
 * the arm that always went first (the traced one) looked slower than it is.
 */
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool, task, type TraceChunk } from '../../src/workers/runtime';
import { badProbeArgument, probeCheckFailed } from '../harness/bench-errors';
import { cpuMicros, emitResult, positiveNumber, readProbeArgs } from './probe-io';
import { TraceCount } from './trace-count';

const PROBE = 'task-probe';
const args = readProbeArgs(PROBE);
const tasks = positiveNumber(PROBE, args, 'tasks');
const warmupTasks = positiveNumber(PROBE, args, 'warmupTasks');
const processes = positiveNumber(PROBE, args, 'processes');
const repeats = positiveNumber(PROBE, args, 'repeats');
const rotate = args.rotate ?? 0;
if (typeof rotate !== 'number' || !Number.isInteger(rotate) || rotate < 0) {
  throw badProbeArgument(PROBE, 'rotate', 'a non-negative integer');
}
for (const flag of ['untraced', 'thread']) {
  if (typeof args[flag] !== 'boolean') throw badProbeArgument(PROBE, flag, 'a boolean');
}
if (args.decoded !== undefined && typeof args.decoded !== 'boolean') {
  throw badProbeArgument(PROBE, 'decoded', 'a boolean');
}

const here = fileURLToPath(import.meta.url);
const inc = task(join(dirname(here), '..', 'tasks', `inc${extname(here)}`), 'inc');

/** One pool under test and its timed runs. */
class Arm {
  readonly pool: Pool;
  readonly seconds: number[] = [];
  readonly callerCpuSeconds: number[] = [];
  private count = new TraceCount();
  eventsPerRun = 0;

  constructor(
    readonly name: string,
    backend: 'process' | 'thread',
    readonly tracing: boolean,
    decoded = false,
  ) {
    const sink = !tracing
      ? {}
      : decoded
        ? { onTrace: (batch: unknown[]) => this.count.add(batch) }
        : { onTraceChunk: (chunk: TraceChunk) => this.count.addChunk(chunk) };
    this.pool = new Pool({ processes, backend, tracing, ...sink });
  }

  /** One run of `n` pipelined tasks, checked. */
  async run(n: number, timed: boolean): Promise<void> {
    this.count = new TraceCount();
    const cpu0 = cpuMicros();
    const t0 = performance.now();
    const pending = [];
    for (let i = 0; i < n; i++) pending.push(this.pool.applyAsync<number>(inc, [i]));
    const out: number[] = [];
    for (const result of pending) out.push(await result.get());
    const seconds = (performance.now() - t0) / 1000;
    const cpu = (cpuMicros() - cpu0) / 1e6;
    if (out.length !== n || out[0] !== 1 || out[n - 1] !== n || out[n >> 1] !== (n >> 1) + 1) {
      throw probeCheckFailed(PROBE, `${this.name}: applyAsync returned wrong results`);
    }
    if (this.tracing && this.count.tasksEnded !== n) {
      throw probeCheckFailed(
        PROBE,
        `${this.name}: the trace shows ${this.count.tasksEnded} of ${n} tasks ending`,
      );
    }
    if (!timed) return;
    this.seconds.push(seconds);
    this.callerCpuSeconds.push(cpu);
    this.eventsPerRun = this.count.events;
  }
}

const arms = [
  new Arm('process', 'process', true),
  ...(args.untraced ? [new Arm('processUntraced', 'process', false)] : []),
  ...(args.thread ? [new Arm('thread', 'thread', true)] : []),
];
// Last in every round: the arms share one heap, and the object per event it leaves behind
// must not be collected on another arm's time.
const decodedArm = args.decoded === true ? new Arm('processDecoded', 'process', true, true) : null;
const all = decodedArm ? [...arms, decodedArm] : arms;
try {
  for (const arm of all) await arm.run(warmupTasks, false);
  for (let round = 0; round < repeats; round++) {
    for (let i = 0; i < arms.length; i++) await arms[(i + round + rotate) % arms.length]!.run(tasks, true);
    await decodedArm?.run(tasks, true);
  }
  emitResult({
    tasks,
    arms: Object.fromEntries(
      all.map((arm) => [
        arm.name,
        { seconds: arm.seconds, callerCpuSeconds: arm.callerCpuSeconds, events: arm.eventsPerRun },
      ]),
    ),
  });
} finally {
  await Promise.all(all.map((arm) => arm.pool.terminate()));
}
