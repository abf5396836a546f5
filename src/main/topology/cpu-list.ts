/**
 * Kernel CPU lists ("0-3,8,10-11", as sysfs writes `online`, `cpulist`, `shared_cpu_list`)
 * and cache sizes ("32K", as sysfs writes `cache/indexN/size`).
 */
import { badCacheSize, badCpuList, badCpuNumber, notAString } from './topology-errors';

const RANGE = /^(\d+)(?:-(\d+)(?::(\d+)\/(\d+))?)?$/;

/**
 * Parses a kernel CPU list into sorted, distinct CPU numbers. Accepts ranges ("0-3"), single
 * CPUs, an empty list (sysfs writes an empty line for "none") and the kernel's strided form
 * "0-15:2/4" (first 2 of every 4). Throws RangeError naming `list` on anything else.
 */
export function parseCpuList(list: string): number[] {
  if (typeof list !== 'string') throw notAString('list', list);
  const text = list.trim();
  if (text === '') return [];
  const cpus = new Set<number>();
  for (const part of text.split(',')) {
    const m = RANGE.exec(part.trim());
    if (!m) throw badCpuList('list', list);
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    const used = m[3] === undefined ? 1 : Number(m[3]);
    const group = m[4] === undefined ? 1 : Number(m[4]);
    if (last < first || group === 0 || used === 0 || used > group) throw badCpuList('list', list);
    for (let cpu = first; cpu <= last; cpu++) if ((cpu - first) % group < used) cpus.add(cpu);
  }
  return [...cpus].sort((a, b) => a - b);
}

/** Splits CPU numbers into runs of consecutive numbers, after sorting and de-duplicating. */
function runs(cpus: readonly number[]): Array<[number, number]> {
  for (const cpu of cpus) if (!Number.isSafeInteger(cpu) || cpu < 0) throw badCpuNumber('cpus', cpu);
  const sorted = [...new Set(cpus)].sort((a, b) => a - b);
  const out: Array<[number, number]> = [];
  for (const cpu of sorted) {
    const last = out.at(-1);
    if (last && cpu === last[1] + 1) last[1] = cpu;
    else out.push([cpu, cpu]);
  }
  return out;
}

/** Formats CPUs the way the kernel does: every run of two or more becomes a range ("0-1,4"). */
export function formatCpuList(cpus: readonly number[]): string {
  return runs(cpus)
    .map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`))
    .join(',');
}

/**
 * Formats CPUs the way lscpu prints them (util-linux `cpulist_create`): runs of three or more
 * become ranges, but a run of exactly two is written as two numbers, so 2 CPUs are "0,1".
 */
export function formatLscpuList(cpus: readonly number[]): string {
  return runs(cpus)
    .map(([a, b]) => (a === b ? `${a}` : b === a + 1 ? `${a},${b}` : `${a}-${b}`))
    .join(',');
}

const SIZE = /^(\d+)\s*([KMG]?)(?:i?B)?$/i;
const UNIT: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/**
 * Parses a cache size as sysfs writes it ("32K", "1024K", "32768K"; also "1M", "512" bytes
 * and "32 KiB") into bytes. Units are binary, as in the kernel. Throws RangeError naming `size`.
 */
export function parseCacheSize(size: string): number {
  if (typeof size !== 'string') throw notAString('size', size);
  const m = SIZE.exec(size.trim());
  if (!m) throw badCacheSize('size', size);
  const bytes = Number(m[1]) * (UNIT[(m[2] ?? '').toUpperCase()] ?? 1);
  if (!Number.isSafeInteger(bytes)) throw badCacheSize('size', size);
  return bytes;
}
