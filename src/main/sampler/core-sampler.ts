/**
 * The host's {@link CoreSampler}: per-core load at a fixed rate, running only while someone
 * listens. On Linux a native helper process reads /proc/stat (native-sampler.ts), or, without
 * one, a small thread of this process does (proc-stat-thread.ts); either wakes this thread only
 * to deliver samples in groups. Elsewhere, or with an injected source, clock or timers,
 * `os.cpus()` deltas on a timer of this thread.
 */
import os from 'node:os';
import { SAMPLER_DEFAULT_HZ, SAMPLER_MAX_HZ, SAMPLER_MIN_HZ, type CoreSample } from '../../shared/samples';
import type { CoreSampler } from '../host/services';
import { coreLoadsBetween, type CpuSnapshot } from './cpu-deltas';
import { findNativeSampler, startNativeSampler } from './native-sampler';
import { startProcStatThread } from './proc-stat-thread';
import type { RawSample, SampleSource } from './sample-source';
import {
  badBackend,
  badDeliveryMs,
  badTimers,
  hzNotANumber,
  hzOutOfRange,
  listenerNotAFunction,
  optionNotAFunction,
  samplerDisposed,
} from './sampler-errors';

/**
 * Default bound on how long a sample may wait before it reaches listeners (thread path).
 * Each delivery wakes this thread, which costs more than taking a sample (about 200 µs
 * against 120 µs on the benchmark VM); grouping five samples keeps the sampler within its
 * budget at 10 Hz, and the view still moves twice a second (system monitors update once a
 * second or less often).
 */
export const DEFAULT_DELIVERY_MS = 500;
/** Largest accepted `deliveryMs`. */
export const MAX_DELIVERY_MS = 1000;

/**
 * Where samples come from: a native helper process, a thread of this process (both read
 * /proc/stat; Linux only), or `os.cpus()` on a timer of this thread.
 */
export type SamplerBackend = 'native' | 'thread' | 'timer';

/** Backends in the order the sampler prefers them. */
export const SAMPLER_BACKENDS: readonly SamplerBackend[] = ['native', 'thread', 'timer'];

/** The timer functions the sampler uses; tests pass manual ones. */
export interface SamplerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of {@link createCoreSampler}. */
export interface CoreSamplerOptions {
  /** Initial rate, SAMPLER_MIN_HZ..SAMPLER_MAX_HZ; defaults to SAMPLER_DEFAULT_HZ. */
  hz?: number;
  /** Snapshot source; defaults to `os.cpus`. */
  cpus?: () => CpuSnapshot;
  /** Wall clock in ms since the epoch, stamped on samples; defaults to `Date.now`. */
  now?: () => number;
  /** Timers; default ones are unref'd so a sampler never keeps a process alive. */
  timers?: SamplerTimers;
  /**
   * Receives what a listener or the `cpus` source throws (other listeners still get the
   * sample; sampling goes on); defaults to a process warning.
   */
  onError?: (error: unknown) => void;
  /**
   * Longest a sample may wait before listeners get it, 0..MAX_DELIVERY_MS; defaults to
   * DEFAULT_DELIVERY_MS. Samples taken meanwhile arrive together, in order, each with its own
   * `t`. 0 delivers every sample as it is taken. The timer path always delivers at once.
   */
  deliveryMs?: number;
  /**
   * The backend to start with; should it be unavailable or fail, the error goes to `onError`
   * and the next one in SAMPLER_BACKENDS takes over. Defaults to the best available: the
   * native helper if it was built, else the thread, on Linux; the timer elsewhere or when
   * `cpus`, `now` or `timers` is given (only the timer uses them).
   */
  backend?: SamplerBackend;
  /** The native helper's path (null: none); defaults to {@link findNativeSampler}'s answer. */
  nativeHelper?: string | null;
}

/** A {@link CoreSampler} that also says how it samples and what that costs outside this process. */
export interface HostCoreSampler extends CoreSampler {
  /** The backend in use while sampling, else the one the next start tries first. */
  readonly backend: SamplerBackend;
  /** CPU µs the native helpers this sampler started have spent, as of their latest delivery. */
  helperCpuUs(): number;
}

/** Real timers, unref'd: a CLI that forgets to dispose the sampler still exits. */
const unrefTimers: SamplerTimers = {
  setTimeout(callback, ms) {
    return setTimeout(callback, ms).unref();
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

function warn(error: unknown): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.emitWarning(`CoreSampler: ${message}`, 'ParascopeSamplerWarning');
}

/** Checks a rate; throws TypeError/RangeError naming `argument`. */
function checkHz(argument: string, hz: unknown): number {
  if (typeof hz !== 'number') throw hzNotANumber(argument, hz);
  if (!Number.isFinite(hz) || hz < SAMPLER_MIN_HZ || hz > SAMPLER_MAX_HZ) throw hzOutOfRange(argument, hz);
  return hz;
}

function checkDeliveryMs(value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= MAX_DELIVERY_MS)) {
    throw badDeliveryMs('deliveryMs', value, MAX_DELIVERY_MS);
  }
  return value;
}

function checkFunction<T>(option: string, value: T): T {
  if (typeof value !== 'function') throw optionNotAFunction(option, value);
  return value;
}

/**
 * Creates a sampler. Sampling runs only while at least one listener is subscribed: the first
 * subscriber starts it with a baseline reading, and each sample then carries the loads since
 * the previous one. Work never overlaps; a sampler that falls behind (slow listeners, a stalled
 * thread) skips ahead instead of bursting. Rates are validated against
 * SAMPLER_MIN_HZ..SAMPLER_MAX_HZ (RangeError naming `hz`); fractional rates are accepted.
 *
 * On Linux, with no `cpus`, `now` or `timers` given, a thread samples /proc/stat and listeners
 * get samples in groups at most `deliveryMs` after they were taken. Should that thread fail,
 * the error goes to `onError` and sampling goes on with `os.cpus()` on a timer.
 */
export function createCoreSampler(options: CoreSamplerOptions = {}): HostCoreSampler {
  let hz = checkHz('hz', options.hz ?? SAMPLER_DEFAULT_HZ);
  const cpus = checkFunction('cpus', options.cpus ?? os.cpus);
  const now = checkFunction('now', options.now ?? Date.now);
  const onError = checkFunction('onError', options.onError ?? warn);
  const timers = options.timers ?? unrefTimers;
  if (typeof timers?.setTimeout !== 'function' || typeof timers.clearTimeout !== 'function') {
    throw badTimers('timers');
  }
  const deliveryMs = checkDeliveryMs(options.deliveryMs ?? DEFAULT_DELIVERY_MS);
  const chosen = options.backend;
  if (chosen !== undefined && !SAMPLER_BACKENDS.includes(chosen))
    throw badBackend('backend', chosen, SAMPLER_BACKENDS);
  // The helper and the thread have their own source and clock: only an uninjected sampler may use them.
  const injected = options.cpus !== undefined || options.now !== undefined || options.timers !== undefined;
  const linux = process.platform === 'linux' && !injected;
  const helper = linux
    ? options.nativeHelper === undefined
      ? findNativeSampler()
      : options.nativeHelper
    : null;
  // What is left to try, best first; a backend that fails is dropped for good.
  let backends: SamplerBackend[] = chosen
    ? SAMPLER_BACKENDS.slice(SAMPLER_BACKENDS.indexOf(chosen))
    : SAMPLER_BACKENDS.filter((b) => b === 'timer' || (linux && (b === 'thread' || helper !== null)));
  if (!linux) backends = ['timer'];
  let helperCpuBefore = 0; // CPU µs of helpers that have ended

  // Each subscription is its own entry, so subscribing one function twice needs two unsubscribes.
  const listeners = new Set<{ listener: (sample: CoreSample) => void }>();
  let baseline: CpuSnapshot | null = null;
  let handle: unknown = null;
  let source: SampleSource | null = null;
  let nextDue = 0;
  let ticking = false;
  let disposed = false;

  const period = (): number => 1000 / hz;
  const running = (): boolean => !disposed && listeners.size > 0;

  const schedule = (): void => {
    const t = now();
    // Behind schedule (or clock jumped): restart the cadence from now rather than burst.
    if (nextDue - t <= 0 || nextDue - t > period()) nextDue = t + period();
    handle = timers.setTimeout(tick, nextDue - t);
  };

  const stop = (): void => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
    if (source) helperCpuBefore += source.helperCpuUs();
    source?.stop();
    source = null;
    baseline = null;
  };

  const emit = (sample: CoreSample): void => {
    for (const entry of [...listeners]) {
      // A listener removed by an earlier one in this round no longer receives the sample.
      if (!listeners.has(entry)) continue;
      try {
        entry.listener(sample);
      } catch (error) {
        onError(error);
      }
    }
  };

  const emitSince = (snapshot: CpuSnapshot, t: number, rate: number): void => {
    const { cores, total } = coreLoadsBetween(baseline ?? [], snapshot);
    baseline = snapshot;
    emit({ t, hz: rate, cores, total });
  };

  function tick(): void {
    handle = null;
    if (!running() || baseline === null) return;
    ticking = true;
    try {
      emitSince(cpus(), now(), hz);
    } catch (error) {
      // Only the snapshot source can get here (emit catches listener errors): skip this sample.
      onError(error);
    } finally {
      ticking = false;
    }
    if (running()) {
      nextDue += period();
      schedule();
    } else {
      stop();
    }
  }

  const startTimer = (): void => {
    try {
      baseline = cpus();
    } catch (error) {
      // An empty baseline makes the first sample all zeros (count changed), then normal ones.
      onError(error);
      baseline = [];
    }
    nextDue = now() + period();
    schedule();
  };

  const deliver = (samples: RawSample[]): void => {
    ticking = true;
    try {
      for (const sample of samples) {
        if (!running()) break;
        // The source's first reading is the baseline.
        if (baseline === null) baseline = sample.cpus;
        else emitSince(sample.cpus, sample.t, sample.hz);
      }
    } finally {
      ticking = false;
    }
    if (!running()) stop();
  };

  const sourceFailed = (error: Error): void => {
    if (source) helperCpuBefore += source.helperCpuUs();
    source = null;
    baseline = null;
    backends.shift();
    onError(error);
    if (running()) start();
  };

  const start = (): void => {
    const backend = backends[0] ?? 'timer';
    if (backend === 'timer') return startTimer();
    baseline = null;
    try {
      if (backend === 'thread') {
        source = startProcStatThread({ hz, deliveryMs, onSamples: deliver, onFailure: sourceFailed });
      } else if (helper === null) {
        throw new Error('no native sampler helper here (build it with `npm run build`)');
      } else {
        source = startNativeSampler({
          binary: helper,
          hz,
          deliveryMs,
          onSamples: deliver,
          onFailure: sourceFailed,
        });
      }
    } catch (error) {
      sourceFailed(error instanceof Error ? error : new Error(String(error)));
    }
  };

  return {
    get hz() {
      return hz;
    },
    get backend() {
      return backends[0] ?? 'timer';
    },
    helperCpuUs() {
      return helperCpuBefore + (source?.helperCpuUs() ?? 0);
    },
    setRate(next) {
      hz = checkHz('hz', next);
      source?.setRate(hz);
      // Mid-tick, the tick itself reschedules with the new period.
      if (handle !== null && !ticking) {
        timers.clearTimeout(handle);
        nextDue = now() + period();
        schedule();
      }
    },
    subscribe(listener) {
      if (disposed) throw samplerDisposed('subscribe');
      if (typeof listener !== 'function') throw listenerNotAFunction('listener', listener);
      const entry = { listener };
      listeners.add(entry);
      if (listeners.size === 1 && !ticking) start();
      return () => {
        if (!listeners.delete(entry)) return;
        if (listeners.size === 0 && !ticking) stop();
      };
    },
    dispose() {
      disposed = true;
      listeners.clear();
      if (!ticking) stop();
    },
  };
}
