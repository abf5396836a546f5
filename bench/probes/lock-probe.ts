/**
 * Probe: `lock-process` (backend 'process') and `lock-thread` (backend 'thread'). This process
 * owns a Lock and two Values ('i', lock: false): the counter, and a gate that lines contended
 * loops up. Pool tasks (bench/tasks/lock-loop) receive them as arguments and work on the shared
 * memory itself: a thread worker and, where the shared-memory addon is built, a process worker
 * too (it maps the segment the lock lives in). Without the addon (PARASCOPE_SHM=off) a process
 * worker gets remote handles: every operation is a request to this process.
 *
 * - uncontended: one task runs `iterations` of acquire, increment, release; the number is its
 *   loop time / iterations.
 * - contended: two tasks, one per worker, meet at the gate, then run `contendedIterations`
 *   each; the number is (last end − first start) / all iterations.
 * The counter must equal the iterations afterwards (no lost update under the lock).
 *
 * Tracing on (the headline) means a trace sink is set here and on the pool, so operations
 * record their events (lock-request/acquire/release, value-read/write). Both sinks take chunks
 * and count their records undecoded, as the app's session process does. With `untraced`, a
 * second pool runs the same with no sink, alternating with the traced one, repeat by repeat.
 *
 * Args (JSON): { backend, iterations, contendedIterations, repeats, untraced: boolean }.
 */
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Lock, Pool, Value, setTraceSink, task, type TraceChunk } from '../../src/workers/runtime';
import { badProbeArgument, probeCheckFailed } from '../harness/bench-errors';
import type { LoopTimes } from '../tasks/lock-loop';
import { emitResult, oneOf, positiveNumber, readProbeArgs } from './probe-io';
import { TraceCount } from './trace-count';

const PROBE = 'lock-probe';
const args = readProbeArgs(PROBE);
const backend = oneOf(PROBE, args, 'backend', ['process', 'thread'] as const);
const iterations = positiveNumber(PROBE, args, 'iterations');
const contendedIterations = positiveNumber(PROBE, args, 'contendedIterations');
const repeats = positiveNumber(PROBE, args, 'repeats');
if (typeof args.untraced !== 'boolean') throw badProbeArgument(PROBE, 'untraced', 'a boolean');

const here = fileURLToPath(import.meta.url);
const lockLoop = task(join(dirname(here), '..', 'tasks', `lock-loop${extname(here)}`), 'lockLoop');

const lock = new Lock();
const counter = new Value('i', 0, { lock: false });
const gate = new Value('i', 0, { lock: false });

/** One pool (traced or not) and its measurements, µs per lock+increment. */
class Arm {
  readonly pool: Pool;
  readonly uncontendedUs: number[] = [];
  readonly contendedUs: number[] = [];
  readonly count = new TraceCount();
  sync = false;

  constructor(readonly tracing: boolean) {
    this.pool = new Pool({
      processes: 2,
      backend,
      tracing,
      ...(tracing ? { onTraceChunk: (chunk: TraceChunk) => this.count.addChunk(chunk) } : {}),
    });
  }

  /** This process's own events (the lock and values it owns) go to the same count, as chunks. */
  private setSink(): void {
    if (this.tracing) setTraceSink((chunk) => this.count.addChunk(chunk), { format: 'chunks' });
    else setTraceSink(null);
  }

  private async expectCount(expected: number, what: string): Promise<void> {
    const got = await counter.get();
    if (got !== expected) throw probeCheckFailed(PROBE, `${what}: counter is ${got}, expected ${expected}`);
  }

  async uncontended(n: number, timed: boolean): Promise<void> {
    this.setSink();
    await counter.set(0);
    const times = await this.pool.apply<LoopTimes>(lockLoop, [lock, counter, n, null, 1]);
    await this.expectCount(n, 'uncontended');
    this.sync = times.sync;
    if (timed) this.uncontendedUs.push((times.endUs - times.startUs) / n);
  }

  async contended(n: number, timed: boolean): Promise<void> {
    this.setSink();
    await counter.set(0);
    await gate.set(0);
    const pending = [0, 1].map(() => this.pool.applyAsync<LoopTimes>(lockLoop, [lock, counter, n, gate, 2]));
    const times: LoopTimes[] = [];
    for (const result of pending) times.push(await result.get());
    await this.expectCount(2 * n, 'contended (lost updates under the lock)');
    const start = Math.min(...times.map((t) => t.startUs));
    const end = Math.max(...times.map((t) => t.endUs));
    if (timed) this.contendedUs.push((end - start) / (2 * n));
  }
}

const arms = [new Arm(true), ...(args.untraced ? [new Arm(false)] : [])];
try {
  for (const arm of arms) {
    await arm.uncontended(Math.min(iterations, 200), false);
    await arm.contended(Math.min(contendedIterations, 100), false);
  }
  for (let round = 0; round < repeats; round++) {
    const order = round % 2 === 0 ? arms : [...arms].reverse();
    for (const arm of order) await arm.uncontended(iterations, true);
    for (const arm of order) await arm.contended(contendedIterations, true);
  }
  const summary = (arm: Arm): object => ({
    uncontendedUs: arm.uncontendedUs,
    contendedUs: arm.contendedUs,
    // Whether the task used the value's memory directly (`.value`) or through get/set.
    valueAccess: arm.sync ? 'sync .value' : 'get()/set()',
    eventsByType: arm.count.byType,
  });
  const [traced, untraced] = arms;
  emitResult({
    backend,
    iterations,
    contendedIterations,
    traced: summary(traced!),
    ...(untraced ? { untraced: summary(untraced) } : {}),
  });
} finally {
  setTraceSink(null);
  await Promise.all(arms.map((arm) => arm.pool.terminate()));
}
