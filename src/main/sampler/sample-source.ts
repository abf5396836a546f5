/**
 * What the core sampler reads samples from when it does not tick on its own timer: a source
 * that takes readings of /proc/stat at a rate and hands them over in groups. Two exist, with one
 * behaviour (tests/main/sampler/sample-source-contract.ts): a native helper process
 * (native-sampler.ts, preferred) and a thread of this process (proc-stat-thread.ts).
 */
import type { CpuSnapshot } from './cpu-deltas';

/** One reading of every CPU's counters. */
export interface RawSample {
  /** Wall clock (ms since the epoch) when it was read. */
  t: number;
  /** The rate in force when it was read. */
  hz: number;
  /** Counters in milliseconds, shaped like `os.cpus()`. */
  cpus: CpuSnapshot;
}

/** Options every source takes. */
export interface SampleSourceOptions {
  hz: number;
  /** Longest a sample may wait before the source hands it over (0: every sample at once). */
  deliveryMs: number;
  /** Every delivery, oldest first; the very first sample is the baseline. */
  onSamples: (samples: RawSample[]) => void;
  /** The source could not read, a reading did not parse, or the source died; it has ended. Called once. */
  onFailure: (error: Error) => void;
  /** The file to read; `/proc/stat` unless a test points elsewhere. */
  path?: string;
}

/** A running source. */
export interface SampleSource {
  setRate(hz: number): void;
  /** Ends the source; no callback is called after this. Idempotent. */
  stop(): void;
  /** Resolves once the source has ended (stopped or failed). */
  readonly exited: Promise<void>;
  /**
   * CPU time (µs) the source has spent outside this process, as of its latest delivery: a
   * helper process's own; 0 for a thread, whose time is this process's.
   */
  helperCpuUs(): number;
}
