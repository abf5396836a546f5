/**
 * Probe: CPU time spent sampling per-core load at `hz` for `seconds`, with Parascope's sampler
 * (`createCoreSampler`, the host's own) on its native helper or on its thread, with
 * `systeminformation.currentLoad()` called on the same cadence, or with neither (`timer`: the
 * same cadence of no-op wake-ups, the floor any 10 Hz sampler living in a Node process pays).
 * CPU time is `process.cpuUsage()` (getrusage: user + system, every thread of this process),
 * plus, for the native helper, the helper's own CPU time, which it reports with each sample.
 *
 * Parascope's arms measure the sampler as the host runs it: created with the rate (and the
 * backend) alone, one listener subscribed (the host's listener pushes each sample to its
 * clients; here it counts). Samples arrive in groups (`deliveryMs`), and the helper's CPU time
 * is known as of each group, so the window opens when one group arrives and closes when the
 * first group at least `seconds` later does. Starting the sampler (the helper process or the
 * thread, the baseline) happens once per start, not per window: it is reported as `startCpuMs`.
 *
 * Every arm first does its work for `settleSeconds` unmeasured: a fresh Node process collects
 * its start-up heap 8-20 s after start (V8's memory reducer) whether it samples or not.
 *
 * Args (JSON): { kind: 'parascope' | 'parascope-thread' | 'systeminformation' | 'timer', hz,
 * seconds, settleSeconds }.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { createCoreSampler } from '../../src/main/sampler';
import { cpuMicros, emitResult, nonNegativeNumber, oneOf, positiveNumber, readProbeArgs } from './probe-io';

const PROBE = 'sampler-probe';
const args = readProbeArgs(PROBE);
const KINDS = ['parascope', 'parascope-thread', 'systeminformation', 'timer'] as const;
const kind = oneOf(PROBE, args, 'kind', KINDS);
const hz = positiveNumber(PROBE, args, 'hz');
const seconds = positiveNumber(PROBE, args, 'seconds');
const windowMs = seconds * 1000;
const settleMs = nonNegativeNumber(PROBE, args, 'settleSeconds') * 1000;

interface Window {
  wallMs: number;
  hostCpuUs: number;
  helperCpuUs: number;
  ticks: number;
  startCpuMs: number | null;
  backend: string;
}

/** Parascope's sampler: a window between two deliveries. */
async function parascopeWindow(backend: 'native' | 'thread'): Promise<Window> {
  const sampler = createCoreSampler({
    hz,
    backend,
    onError: (error) => {
      // Measuring another backend than the one named would be a lie: stop here.
      throw error;
    },
  });
  const startCpu = cpuMicros();
  // The sampler never keeps a process alive: this timer does, until the window closes.
  const keepAlive = setInterval(() => {}, 2 ** 30);
  let startCpuMs = 0;
  let inDelivery = false;
  let opened: { t: number; wall: number; host: number; helper: number } | null = null;
  let closed: Window | null = null;
  let closedWall = Infinity;
  let settleFrom: number | null = null;
  let ticks = 0;
  const result = await new Promise<Window>((resolve) => {
    const off = sampler.subscribe((sample) => {
      // Samples read inside the window: after it opened, up to when it closed.
      if (opened && sample.t > opened.wall && sample.t <= closedWall) ticks++;
      // A delivery's samples arrive in one synchronous run: measure at its first.
      if (inDelivery || closed) return;
      inDelivery = true;
      queueMicrotask(() => {
        inDelivery = false;
        if (closed) {
          off();
          resolve({ ...closed, ticks });
        }
      });
      const host = cpuMicros();
      const helper = sampler.helperCpuUs();
      const t = performance.now();
      if (settleFrom === null) {
        startCpuMs = (host - startCpu) / 1000;
        settleFrom = t;
      }
      if (!opened) {
        if (t - settleFrom < settleMs) return;
        opened = { t, wall: Date.now(), host, helper };
      } else if (t - opened.t >= windowMs) {
        closedWall = Date.now();
        closed = {
          wallMs: t - opened.t,
          hostCpuUs: host - opened.host,
          helperCpuUs: helper - opened.helper,
          ticks: 0,
          startCpuMs,
          backend: sampler.backend,
        };
      }
    });
  });
  clearInterval(keepAlive);
  sampler.dispose();
  return result;
}

/** The peer and the floor: their own cadence, settling, then a window of it. */
async function cadenceWindow(work: (() => Promise<unknown>) | null): Promise<Window> {
  const period = 1000 / hz;
  const start = performance.now();
  let due = start + period;
  let ticks = 0;
  let cpu0 = cpuMicros();
  let t0 = start;
  let open = settleMs === 0;
  while (due <= start + settleMs + windowMs) {
    await delay(Math.max(0, due - performance.now()));
    if (work) await work();
    due += period;
    if (open) ticks++;
    else if (due - start > settleMs) {
      // The window opens with this tick done: the next one is its first.
      open = true;
      cpu0 = cpuMicros();
      t0 = performance.now();
    }
  }
  await delay(Math.max(0, t0 + windowMs - performance.now()));
  return {
    wallMs: performance.now() - t0,
    hostCpuUs: cpuMicros() - cpu0,
    helperCpuUs: 0,
    ticks,
    startCpuMs: null,
    backend: work ? 'systeminformation' : 'timer',
  };
}

let window: Window;
if (kind === 'parascope' || kind === 'parascope-thread') {
  window = await parascopeWindow(kind === 'parascope' ? 'native' : 'thread');
} else if (kind === 'systeminformation') {
  const si = await import('systeminformation');
  // systeminformation keeps the previous /proc/stat reading to compute loads: take it now.
  await si.currentLoad();
  window = await cadenceWindow(() => si.currentLoad());
} else {
  window = await cadenceWindow(null);
}

const cpuUs = window.hostCpuUs + window.helperCpuUs;
emitResult({
  kind,
  backend: window.backend,
  hz,
  seconds: window.wallMs / 1000,
  ticks: window.ticks,
  cpuMs: cpuUs / 1000,
  hostCpuMs: window.hostCpuUs / 1000,
  helperCpuMs: window.helperCpuUs / 1000,
  percentOfCore: (cpuUs / (window.wallMs * 1000)) * 100,
  cpuUsPerTick: window.ticks > 0 ? cpuUs / window.ticks : null,
  startCpuMs: window.startCpuMs,
});
