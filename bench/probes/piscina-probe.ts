/**
 * Probe: the piscina peer of `task-throughput`. A piscina pool of `threads` worker threads
 * runs `inc` from the same task module as Parascope's pool (bench/tasks/inc), `tasks` times,
 * every `run` submitted first (pipelined), then every result awaited. Warm-up as in
 * task-probe.ts. Args (JSON): { tasks, warmupTasks, threads, repeats }.
 */
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { probeCheckFailed } from '../harness/bench-errors';
import { cpuMicros, emitResult, positiveNumber, readProbeArgs } from './probe-io';

const PROBE = 'piscina-probe';
const args = readProbeArgs(PROBE);
const tasks = positiveNumber(PROBE, args, 'tasks');
const warmupTasks = positiveNumber(PROBE, args, 'warmupTasks');
const threads = positiveNumber(PROBE, args, 'threads');
const repeats = positiveNumber(PROBE, args, 'repeats');

const here = fileURLToPath(import.meta.url);
const pool = new Piscina({
  filename: join(dirname(here), '..', 'tasks', `inc${extname(here)}`),
  minThreads: threads,
  maxThreads: threads,
});

async function run(n: number): Promise<void> {
  const pending: Promise<number>[] = [];
  for (let i = 0; i < n; i++) pending.push(pool.run(i, { name: 'inc' }) as Promise<number>);
  const out: number[] = [];
  for (const result of pending) out.push(await result);
  if (out.length !== n || out[0] !== 1 || out[n - 1] !== n) {
    throw probeCheckFailed(PROBE, 'piscina returned wrong results');
  }
}

try {
  await run(warmupTasks);
  const seconds: number[] = [];
  const callerCpuSeconds: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const cpu0 = cpuMicros();
    const t0 = performance.now();
    await run(tasks);
    seconds.push((performance.now() - t0) / 1000);
    callerCpuSeconds.push((cpuMicros() - cpu0) / 1e6);
  }
  emitResult({ tasks, seconds, callerCpuSeconds });
} finally {
  await pool.destroy();
}
