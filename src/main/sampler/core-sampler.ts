/**
 * The host's {@link CoreSampler}: per-core load from `os.cpus()` deltas at a fixed rate,
 * running only while someone listens.
 */
import os from 'node:os';
import { SAMPLER_DEFAULT_HZ, SAMPLER_MAX_HZ, SAMPLER_MIN_HZ, type CoreSample } from '../../shared/samples';
import type { CoreSampler } from '../host/services';
import { coreLoadsBetween, type CpuSnapshot } from './cpu-deltas';
import {
  badTimers,
  hzNotANumber,
  hzOutOfRange,
  listenerNotAFunction,
  optionNotAFunction,
  samplerDisposed,
} from './sampler-errors';

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

function checkFunction<T>(option: string, value: T): T {
  if (typeof value !== 'function') throw optionNotAFunction(option, value);
  return value;
}

/**
 * Creates a sampler. The timer runs only while at least one listener is subscribed: the first
 * subscriber takes a baseline snapshot and each tick then emits the loads since the previous
 * snapshot. Ticks are chained timeouts, so sampling work never overlaps; a tick that falls
 * behind (slow listeners) skips ahead instead of bursting. Rates are validated against
 * SAMPLER_MIN_HZ..SAMPLER_MAX_HZ (RangeError naming `hz`); fractional rates are accepted.
 */
export function createCoreSampler(options: CoreSamplerOptions = {}): CoreSampler {
  let hz = checkHz('hz', options.hz ?? SAMPLER_DEFAULT_HZ);
  const cpus = checkFunction('cpus', options.cpus ?? os.cpus);
  const now = checkFunction('now', options.now ?? Date.now);
  const onError = checkFunction('onError', options.onError ?? warn);
  const timers = options.timers ?? unrefTimers;
  if (typeof timers?.setTimeout !== 'function' || typeof timers.clearTimeout !== 'function') {
    throw badTimers('timers');
  }

  // Each subscription is its own entry, so subscribing one function twice needs two unsubscribes.
  const listeners = new Set<{ listener: (sample: CoreSample) => void }>();
  let baseline: CpuSnapshot | null = null;
  let handle: unknown = null;
  let nextDue = 0;
  let ticking = false;
  let disposed = false;

  const period = (): number => 1000 / hz;

  const schedule = (): void => {
    const t = now();
    // Behind schedule (or clock jumped): restart the cadence from now rather than burst.
    if (nextDue - t <= 0 || nextDue - t > period()) nextDue = t + period();
    handle = timers.setTimeout(tick, nextDue - t);
  };

  const stop = (): void => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
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

  function tick(): void {
    handle = null;
    if (disposed || listeners.size === 0 || baseline === null) return;
    ticking = true;
    try {
      const snapshot = cpus();
      const t = now();
      const { cores, total } = coreLoadsBetween(baseline, snapshot);
      baseline = snapshot;
      emit({ t, hz, cores, total });
    } catch (error) {
      // Only the snapshot source can get here (emit catches listener errors): skip this sample.
      onError(error);
    } finally {
      ticking = false;
    }
    if (!disposed && listeners.size > 0) {
      nextDue += period();
      schedule();
    } else {
      stop();
    }
  }

  const start = (): void => {
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

  return {
    get hz() {
      return hz;
    },
    setRate(next) {
      hz = checkHz('hz', next);
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
