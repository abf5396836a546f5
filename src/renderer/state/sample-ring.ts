/**
 * A fixed-size ring of core samples: typed arrays, no per-sample objects, so 50 Hz on a
 * many-core machine costs nothing to keep. Besides one column per CPU it keeps a mean
 * column (index `cpus`) for the total chart, with user and system apart.
 */
import type { CoreSample } from '../../shared/samples';

/** How much history the Cores view shows, in milliseconds. */
export const SAMPLE_WINDOW_MS = 60_000;
/** Enough for {@link SAMPLE_WINDOW_MS} at the top rate (50 Hz), plus slack for jitter. */
export const SAMPLE_RING_CAPACITY = 3200;

/** Ring buffer of samples; index 0 is the oldest kept sample. Mutable: callers own it. */
export class SampleRing {
  /** Logical CPUs per sample; a sample with a different count clears the ring. */
  cpus: number;
  readonly capacity: number;
  private times: Float64Array;
  private user: Float32Array;
  private system: Float32Array;
  private head = 0;
  private count = 0;

  constructor(cpus: number, capacity: number = SAMPLE_RING_CAPACITY) {
    this.cpus = Math.max(0, Math.floor(cpus));
    this.capacity = Math.max(1, Math.floor(capacity));
    this.times = new Float64Array(this.capacity);
    this.user = new Float32Array(this.capacity * (this.cpus + 1));
    this.system = new Float32Array(this.capacity * (this.cpus + 1));
  }

  /** Number of samples held. */
  get size(): number {
    return this.count;
  }

  /** Appends a sample, overwriting the oldest once full. */
  push(sample: CoreSample): void {
    if (sample.cores.length !== this.cpus) this.reset(sample.cores.length);
    const cols = this.cpus + 1;
    const slot = (this.head + this.count) % this.capacity;
    this.times[slot] = sample.t;
    let userSum = 0;
    let systemSum = 0;
    for (let c = 0; c < this.cpus; c++) {
      const load = sample.cores[c]!;
      this.user[slot * cols + c] = load.user;
      this.system[slot * cols + c] = load.system;
      userSum += load.user;
      systemSum += load.system;
    }
    this.user[slot * cols + this.cpus] = this.cpus > 0 ? userSum / this.cpus : 0;
    this.system[slot * cols + this.cpus] = this.cpus > 0 ? systemSum / this.cpus : 0;
    if (this.count < this.capacity) this.count++;
    else this.head = (this.head + 1) % this.capacity;
  }

  /** Time (epoch ms) of the `k`-th kept sample, oldest first. */
  timeAt(k: number): number {
    return this.times[this.slot(k)]!;
  }

  /** User % of column `col` (a CPU, or `cpus` for the mean) in the `k`-th sample. */
  userAt(k: number, col: number): number {
    return this.user[this.slot(k) * (this.cpus + 1) + col]!;
  }

  /** System % of column `col` in the `k`-th sample. */
  systemAt(k: number, col: number): number {
    return this.system[this.slot(k) * (this.cpus + 1) + col]!;
  }

  /** Time of the newest sample, or null when empty. */
  latestTime(): number | null {
    return this.count === 0 ? null : this.timeAt(this.count - 1);
  }

  /** Forgets every sample and resizes for `cpus` CPUs. */
  reset(cpus: number): void {
    this.cpus = Math.max(0, Math.floor(cpus));
    this.user = new Float32Array(this.capacity * (this.cpus + 1));
    this.system = new Float32Array(this.capacity * (this.cpus + 1));
    this.head = 0;
    this.count = 0;
  }

  private slot(k: number): number {
    if (k < 0 || k >= this.count) throw new RangeError(`sample index ${k} is outside 0..${this.count - 1}`);
    return (this.head + k) % this.capacity;
  }
}
