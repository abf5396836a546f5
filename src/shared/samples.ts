/** Per-core utilisation samples pushed by the host's sampler. */

/** Utilisation of one logical CPU over one sampling interval, in percent (0–100). */
export interface CoreLoad {
  /** Time in user mode (user + nice). */
  user: number;
  /** Time in kernel mode (sys + irq). */
  system: number;
}

/** One sample: every CPU's load over the interval that ends at `t`. */
export interface CoreSample {
  /** Wall-clock milliseconds since the Unix epoch at the end of the interval. */
  t: number;
  /**
   * The sampling rate in force when the sample was taken, so every client shows the rate
   * even when another client changed it.
   */
  hz: number;
  /** One entry per logical CPU, in CPU order. */
  cores: CoreLoad[];
  /** Mean over all CPUs (user + system), percent. */
  total: number;
}

/** Sampler limits; the UI and the CLI validate against these. */
export const SAMPLER_MIN_HZ = 1;
export const SAMPLER_MAX_HZ = 50;
export const SAMPLER_DEFAULT_HZ = 10;
