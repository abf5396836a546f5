/**
 * Reads the per-CPU lines of a /proc/stat text, as the sampling thread leaves it in a ring slot
 * (see proc-stat-worker.ts). Pure, so it is tested on hand-made texts.
 */
import type { CpuSnapshot, CpuTimes } from './cpu-deltas';

// /proc/stat counts in USER_HZ ticks, 100 per second on every Linux Node supports; libuv
// (os.cpus) scales them the same way, so both paths give milliseconds.
const MS_PER_TICK = 10;
const NEWLINE = 10;
const TRUNCATED = 'CPU lines longer than the buffer';

/** The CPUs of one reading, or why there are none. */
export type ProcStatReading = { cpus: CpuSnapshot } | { error: string };

/**
 * Parses the `cpuN` lines that follow the first (all-CPU) line of `bytes[0, length)`: user,
 * nice, system, idle and irq of each, in ms (iowait, softirq and steal are left out, as
 * `os.cpus()` leaves them out). `truncated` says the reading filled its buffer, so the text
 * may stop early: then the CPU lines must be followed by another line to be trusted.
 */
export function parseProcStat(bytes: Buffer, truncated: boolean): ProcStatReading {
  const length = bytes.length;
  // Only the CPU lines are decoded: up to the first line that does not start with "cpu".
  let start = bytes.indexOf(NEWLINE) + 1;
  if (start === 0 || start >= length) return { error: 'no per-CPU lines' };
  const cpus: Array<{ times: CpuTimes }> = [];
  let complete = false;
  while (start < length) {
    if (bytes[start] !== 0x63 || bytes[start + 1] !== 0x70 || bytes[start + 2] !== 0x75) {
      complete = true;
      break;
    }
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) {
      // A cut reading may end inside this line.
      if (truncated) return { error: TRUNCATED };
      end = length;
    }
    const fields = bytes.toString('latin1', start, end).split(' ').filter(Boolean);
    // cpuN user nice system idle iowait irq ...
    const values = fields.slice(1, 7).map(Number);
    if (
      !/^cpu\d+$/.test(fields[0] ?? '') ||
      values.length < 6 ||
      !values.every((v) => Number.isSafeInteger(v) && v >= 0)
    ) {
      return { error: 'unexpected format' };
    }
    const [user, nice, sys, idle, , irq] = values as [number, number, number, number, number, number];
    cpus.push({
      times: {
        user: user * MS_PER_TICK,
        nice: nice * MS_PER_TICK,
        sys: sys * MS_PER_TICK,
        idle: idle * MS_PER_TICK,
        irq: irq * MS_PER_TICK,
      },
    });
    start = end + 1;
  }
  if (truncated && !complete) return { error: TRUNCATED };
  return cpus.length === 0 ? { error: 'no per-CPU lines' } : { cpus };
}
