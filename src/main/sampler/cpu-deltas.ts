/**
 * Per-core utilisation from two `os.cpus()` snapshots. Pure, so it is tested on hand-built
 * snapshots with known answers.
 */
import type { CoreLoad } from '../../shared/samples';

/** The cumulative times of one CPU, as `os.cpus()[i].times` gives them (milliseconds). */
export interface CpuTimes {
  user: number;
  nice: number;
  sys: number;
  idle: number;
  irq: number;
}

/** One `os.cpus()` result, or anything shaped like it. */
export type CpuSnapshot = ReadonlyArray<{ readonly times: CpuTimes }>;

/** Loads over one interval: one entry per CPU of the later snapshot, and their mean. */
export interface CoreLoads {
  cores: CoreLoad[];
  /** Mean of user + system over all CPUs, percent; 0 when there are none. */
  total: number;
}

// Counters are cumulative, so a decrease means a wrap or a reset: count nothing for it.
function delta(after: number, before: number): number {
  const d = after - before;
  return Number.isFinite(d) && d > 0 ? d : 0;
}

const IDLE: CoreLoad = { user: 0, system: 0 };

// Quantising to a power-of-two fraction makes `busy - user` exact, so user + system never
// adds up to 100.00000000000001 through rounding; 1/1024 % is far below display precision.
const QUANTUM = 1024;

/** Percent of `part` in `whole`, as a multiple of 1/1024 % (exact in binary floating point). */
function percent(part: number, whole: number): number {
  return Math.round((part / whole) * 100 * QUANTUM) / QUANTUM;
}

function load(before: CpuTimes, after: CpuTimes): CoreLoad {
  const user = delta(after.user, before.user) + delta(after.nice, before.nice);
  const system = delta(after.sys, before.sys) + delta(after.irq, before.irq);
  const elapsed = user + system + delta(after.idle, before.idle);
  if (elapsed === 0) return { ...IDLE };
  const busy = percent(user + system, elapsed);
  const userPct = Math.min(percent(user, elapsed), busy);
  return { user: userPct, system: busy - userPct };
}

/**
 * Computes each CPU's user (user + nice) and system (sys + irq) share of the ticks that
 * elapsed between `before` and `after`, in percent (multiples of 1/1024 %, with
 * user + system ≤ 100 exactly).
 *
 * - A CPU with no elapsed ticks reports 0, never NaN.
 * - A counter that went backwards (wrap, reset) counts as 0 for that interval.
 * - When the CPU count changed (a CPU went offline or online), `os.cpus()` renumbers its
 *   entries, so no pairing is trustworthy: every CPU of `after` reports 0 for this one
 *   interval, and the next interval is measured normally.
 */
export function coreLoadsBetween(before: CpuSnapshot, after: CpuSnapshot): CoreLoads {
  const sameCpus = before.length === after.length;
  const cores = after.map((cpu, i) => {
    const prev = before[i];
    return sameCpus && prev ? load(prev.times, cpu.times) : { ...IDLE };
  });
  const total = cores.length === 0 ? 0 : cores.reduce((sum, c) => sum + c.user + c.system, 0) / cores.length;
  return { cores, total };
}
