/**
 * Manual timers and clock for sampler tests: nothing runs until the test fires the pending
 * timer, which also advances the clock by that timer's delay. No real time passes.
 */
import type { SamplerTimers } from '../../../src/main/sampler/core-sampler';

interface Pending {
  id: number;
  callback: () => void;
  ms: number;
}

/** A manual clock with the timers that run on it. */
export interface ManualClock {
  timers: SamplerTimers;
  now: () => number;
  /** Timeouts set and not yet fired or cleared. */
  pending(): Array<{ ms: number }>;
  /** Fires the one pending timer (fails if there are zero or several), advancing the clock. */
  fire(): void;
  /** Moves the clock without firing anything (time spent in listeners, for instance). */
  advance(ms: number): void;
}

/** Creates a manual clock starting at `start` ms. */
export function manualClock(start = 1_700_000_000_000): ManualClock {
  let time = start;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  return {
    timers: {
      setTimeout(callback, ms) {
        const id = nextId++;
        pending.set(id, { id, callback, ms });
        return id;
      },
      clearTimeout(handle) {
        pending.delete(handle as number);
      },
    },
    now: () => time,
    pending: () => [...pending.values()].map(({ ms }) => ({ ms })),
    fire() {
      const all = [...pending.values()];
      if (all.length !== 1) throw new Error(`expected exactly one pending timer, found ${all.length}`);
      const [timer] = all as [Pending];
      pending.delete(timer.id);
      time += timer.ms;
      timer.callback();
    },
    advance(ms) {
      time += ms;
    },
  };
}
