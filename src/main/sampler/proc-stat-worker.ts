/**
 * The sampling thread's code and the shared-memory layout it writes. The thread is started
 * from this source string (`new Worker(source, { eval: true })`), so it needs no entry file:
 * it runs the same from source (tsx, vitest) and from any build, and loads nothing but
 * `node:fs` and `node:worker_threads`.
 *
 * Why a thread that blocks in `Atomics.wait`: waking a Node main thread 10 times a second costs
 * 110–250 µs per wake-up on the benchmark VM (event loop turn, timer list, microtasks, cold
 * caches over a large working set), more than the whole budget per sample. A futex wait with a
 * timeout on a thread that runs a few dozen lines costs a fraction of that, and the main thread
 * is woken only when samples are delivered (see docs/BENCHMARKS.md, `sampler-cost`).
 */

/** Control words (Int32Array over `ctl`). */
export const CTL = {
  /** Bumped by the owner to wake the thread (rate change, stop); the thread waits on it. */
  GEN: 0,
  /** 1 once the owner wants the thread to end. */
  STOP: 1,
  /** Readings published so far; slot `i % slots` holds reading `i` while `i > COUNT - slots`. */
  COUNT: 2,
} as const;

/** Int32 words of the control buffer. */
export const CTL_WORDS = 4;

/** Per-slot header (Float64Array over `meta`, `META_WORDS` per slot): time, rate, bytes read. */
export const META = { T: 0, HZ: 1, LENGTH: 2 } as const;

/** Float64 words per slot in `meta`. */
export const META_WORDS = 3;

/** What the thread is started with (`workerData`). */
export interface ProcStatWorkerData {
  ctl: SharedArrayBuffer;
  /** Float64Array[2]: the rate in Hz and the delivery bound in ms, set by the owner. */
  settings: SharedArrayBuffer;
  meta: SharedArrayBuffer;
  slots: number;
  path: string;
}

/**
 * Messages from the thread: first the ring it made (sized from its first reading, which is in
 * slot 0), then deliveries (the published count), or why it gave up.
 */
export type ProcStatWorkerMessage =
  number | { ring: SharedArrayBuffer; slotBytes: number } | { failed: string };

/**
 * The thread's program: per sample, one pread of `path` on a descriptor kept open, straight
 * into the next ring slot, and a few stores. Parsing is left to the owner, which does it for a
 * group of samples at once when it is awake anyway: the thread stays a few lines of JS that
 * never allocate, so each wake-up touches little memory and nothing needs compiling.
 * It posts to the owner only when holding the samples any longer would break the delivery bound.
 */
export const PROC_STAT_WORKER_SOURCE = `'use strict';
(function main() {
  const { workerData, parentPort } = require('node:worker_threads');
  const fs = require('node:fs');
  const { ctl: ctlBuffer, settings: settingsBuffer, meta: metaBuffer, slots, path } = workerData;
  const ctl = new Int32Array(ctlBuffer);
  const settings = new Float64Array(settingsBuffer);
  const meta = new Float64Array(metaBuffer);
  const GEN = ${CTL.GEN}, STOP = ${CTL.STOP}, COUNT = ${CTL.COUNT};
  const T = ${META.T}, HZ = ${META.HZ}, LENGTH = ${META.LENGTH}, WORDS = ${META_WORDS};
  let fd = -1;

  try {
    fd = fs.openSync(path, 'r');
    // The first reading sizes the slots: the CPU lines, with room for as many again (CPUs
    // coming online); the owner reads nothing past them, so the rest need not be copied.
    let first = Buffer.allocUnsafe(4096);
    let n = fs.readSync(fd, first, 0, first.length, 0);
    while (n === first.length) {
      first = Buffer.allocUnsafe(first.length * 2);
      n = fs.readSync(fd, first, 0, first.length, 0);
    }
    let cpuEnd = first.indexOf(10) + 1;
    while (cpuEnd > 0 && cpuEnd < n && first.toString('latin1', cpuEnd, cpuEnd + 3) === 'cpu') {
      const end = first.indexOf(10, cpuEnd);
      cpuEnd = end < 0 ? n : end + 1;
    }
    const slotBytes = Math.max(1024, 2 * cpuEnd);
    const ring = new SharedArrayBuffer(slots * slotBytes);
    const views = [];
    for (let i = 0; i < slots; i++) views.push(Buffer.from(ring, i * slotBytes, slotBytes));

    const publish = () => {
      const count = Atomics.load(ctl, COUNT);
      const slot = count % slots;
      const at = slot * WORDS;
      meta[at + LENGTH] = fs.readSync(fd, views[slot], 0, slotBytes, 0);
      meta[at + T] = Date.now();
      meta[at + HZ] = settings[0];
      Atomics.store(ctl, COUNT, count + 1);
    };

    // The first sample is the baseline: deliver it at once so the owner knows sampling began.
    publish();
    parentPort.postMessage({ ring, slotBytes });
    let seen = Atomics.load(ctl, GEN);
    let period = 1000 / settings[0];
    let next = Date.now() + period;
    let oldest = -1; // when the oldest sample not yet delivered was taken
    for (;;) {
      const gen = Atomics.load(ctl, GEN);
      if (Atomics.load(ctl, STOP) !== 0) break;
      const now = Date.now();
      if (gen !== seen) {
        // Rate change: restart the cadence from now.
        seen = gen;
        period = 1000 / settings[0];
        next = now + period;
      }
      // Behind schedule (a stalled thread, a clock jump): restart from now rather than burst.
      if (next - now <= 0 || next - now > period) next = now + period;
      if (Atomics.wait(ctl, GEN, gen, next - now) !== 'timed-out') continue;
      publish();
      if (oldest < 0) oldest = next;
      next += period;
      // Post now if holding this sample until the next one would exceed the bound.
      if (next - oldest > settings[1]) {
        parentPort.postMessage(Atomics.load(ctl, COUNT));
        oldest = -1;
      }
    }
  } catch (error) {
    parentPort.postMessage({ failed: String((error && error.message) || error) });
  } finally {
    if (fd >= 0) fs.closeSync(fd);
  }
})();
`;
