/**
 * Probe: CPU time this process spends sampling per-core load at `hz` for `seconds`, with
 * Parascope's sampler (`createCoreSampler`, the host's own) or `systeminformation.currentLoad()`
 * called on the same cadence, or neither (`timer`: the same cadence of no-op wake-ups, the
 * floor any 10 Hz sampler in a Node process pays before it reads anything).
 * CPU time is `process.cpuUsage()` (getrusage: user + system, every thread of the process)
 * over the window; module loading and each sampler's first read happen before it.
 *
 * Parascope's arm measures the sampler as the host runs it: created with the rate alone and one
 * listener subscribed (the host's listener pushes each sample to its clients; here it counts).
 * Starting it (its sampling thread, the baseline read) happens once per start, not per window,
 * so the window opens at the first sample; that start-up CPU is reported as `startCpuMs`.
 *
 * Args (JSON): { kind: 'parascope' | 'systeminformation' | 'timer', hz, seconds }.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { createCoreSampler } from '../../src/main/sampler';
import { cpuMicros, emitResult, oneOf, positiveNumber, readProbeArgs } from './probe-io';

const PROBE = 'sampler-probe';
const args = readProbeArgs(PROBE);
const kind = oneOf(PROBE, args, 'kind', ['parascope', 'systeminformation', 'timer'] as const);
const hz = positiveNumber(PROBE, args, 'hz');
const seconds = positiveNumber(PROBE, args, 'seconds');

const si = kind === 'systeminformation' ? await import('systeminformation') : null;
// systeminformation keeps the previous /proc/stat reading to compute loads: take it now.
await si?.currentLoad();

let ticks = 0;
let startCpuMs: number | null = null;
// Samples arrive in groups (see `deliveryMs`), so Parascope's arm counts them by their stamp:
// those taken inside the window, [windowStart, windowEnd] in wall-clock ms.
let windowStart = Infinity;
let windowEnd = Infinity;
let lateSample: () => void = () => {};
const sampler = kind === 'parascope' ? createCoreSampler({ hz }) : null;
if (sampler) {
  const startCpu = cpuMicros();
  // The sampler never keeps a process alive: this timer does, until the first sample is in.
  const keepAlive = setInterval(() => {}, 2 ** 30);
  await new Promise<void>((resolve) =>
    sampler.subscribe((sample) => {
      resolve();
      if (sample.t > windowEnd) lateSample();
      else if (sample.t >= windowStart) ticks++;
    }),
  );
  clearInterval(keepAlive);
  startCpuMs = (cpuMicros() - startCpu) / 1000;
}

const cpu0 = cpuMicros();
const t0 = performance.now();
const windowMs = seconds * 1000;
windowStart = Date.now();

if (sampler) {
  // The window itself: the sampler is unref'd, so this wait keeps the process alive.
  await delay(windowMs);
} else if (kind === 'timer') {
  // The floor: wake-ups scheduled exactly as the sampler schedules its ticks, doing nothing.
  const period = 1000 / hz;
  let due = t0 + period;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      ticks++;
      due += period;
      if (due > t0 + windowMs) return resolve();
      setTimeout(tick, Math.max(0, due - performance.now()));
    };
    setTimeout(tick, period);
  });
  await delay(Math.max(0, t0 + windowMs - performance.now()));
} else if (si) {
  // Same cadence, one currentLoad() per tick, never overlapping.
  const period = 1000 / hz;
  let due = t0 + period;
  while (due <= t0 + windowMs) {
    await delay(Math.max(0, due - performance.now()));
    await si.currentLoad();
    ticks++;
    due += period;
  }
  await delay(Math.max(0, t0 + windowMs - performance.now()));
}

const wallMs = performance.now() - t0;
const cpuUs = cpuMicros() - cpu0;
if (sampler) {
  // Outside the measurement: wait for the group holding the window's last samples.
  windowEnd = windowStart + wallMs;
  await new Promise<void>((resolve) => {
    const keepAlive = setInterval(() => {}, 2 ** 30);
    lateSample = () => {
      clearInterval(keepAlive);
      resolve();
    };
  });
  sampler.dispose();
}
emitResult({
  kind,
  hz,
  seconds: wallMs / 1000,
  ticks,
  cpuMs: cpuUs / 1000,
  percentOfCore: (cpuUs / (wallMs * 1000)) * 100,
  cpuUsPerTick: ticks > 0 ? cpuUs / ticks : null,
  startCpuMs,
});
