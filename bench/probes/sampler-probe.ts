/**
 * Probe: CPU time this process spends sampling per-core load at `hz` for `seconds`, with
 * Parascope's sampler (`createCoreSampler`, the host's own) or `systeminformation.currentLoad()`
 * called on the same cadence, or neither (`timer`: the same cadence of no-op wake-ups, the
 * floor any 10 Hz sampler in a Node process pays before it reads anything).
 * CPU time is `process.cpuUsage()` (getrusage: user + system) over the window; module loading
 * and each sampler's first read happen before it.
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
const cpu0 = cpuMicros();
const t0 = performance.now();
const windowMs = seconds * 1000;

if (kind === 'parascope') {
  const sampler = createCoreSampler({ hz });
  sampler.subscribe(() => void ticks++);
  // The window itself: the sampler's timers are unref'd, so this wait keeps the process alive.
  await delay(windowMs);
  sampler.dispose();
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
emitResult({
  kind,
  hz,
  seconds: wallMs / 1000,
  ticks,
  cpuMs: cpuUs / 1000,
  percentOfCore: (cpuUs / (wallMs * 1000)) * 100,
  cpuUsPerTick: ticks > 0 ? cpuUs / ticks : null,
});
