/**
 * `parascope topology` as text, modelled on lscpu: aligned "Key: value" lines, then a
 * per-CPU table like `lscpu -e` (cache columns are instance numbers, so CPUs that share a
 * cache show the same number).
 */
import type { CacheSet, CacheSummary, Topology } from '../../shared/topology';
import { formatLscpuList } from '../topology';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Bytes as lscpu prints them: binary units, at most one decimal ("64 KiB", "1.5 MiB"). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
  return `${text} ${UNITS[unit]}`;
}

function cacheLine(cache: CacheSummary | null): string | null {
  if (!cache) return null;
  return `${formatBytes(cache.bytes)} (${cache.instances} instance${cache.instances === 1 ? '' : 's'})`;
}

/** Pads keys so values line up, like lscpu. Null values are left out. */
function keyValues(rows: [string, string | number | null][]): string[] {
  const present = rows.filter((row): row is [string, string | number] => row[1] !== null);
  const width = Math.max(...present.map(([key]) => key.length)) + 2;
  return present.map(([key, value]) => `${`${key}:`.padEnd(width)}${value}`);
}

/** Per-CPU cache instance numbers per level, numbered in order of first appearance. */
function cacheIds(topology: Topology): Map<number, string> {
  const levels: (keyof CacheSet)[] = ['l1d', 'l1i', 'l2', 'l3'];
  const numbering = new Map<string, Map<string, number>>(levels.map((l) => [l, new Map()]));
  const out = new Map<number, string>();
  for (const cpu of topology.perCpu) {
    // An offline CPU has no caches in sysfs: one "-" for the column, as lscpu -e prints it.
    if (cpu.caches.length === 0) {
      out.set(cpu.cpu, '-');
      continue;
    }
    const ids = levels.map((level) => {
      const cache = cpu.caches.find((c) => c.level === level);
      if (!cache) return '-';
      const seen = numbering.get(level)!;
      const key = [...cache.sharedWith].sort((a, b) => a - b).join(',');
      if (!seen.has(key)) seen.set(key, seen.size);
      return String(seen.get(key));
    });
    out.set(cpu.cpu, ids.join(':'));
  }
  return out;
}

/** Columns right-aligned, except those listed in `left` (as `lscpu -e` does with caches). */
function table(header: string[], rows: string[][], left: ReadonlySet<number>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (left.has(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ');
  return [line(header), ...rows.map(line)];
}

/** The whole human-readable report. */
export function formatTopology(t: Topology): string {
  const lines = keyValues([
    ['Architecture', t.architecture],
    ['CPU(s)', t.cpus],
    ['On-line CPU(s) list', t.onlineCpus],
    ['Vendor ID', t.vendor],
    ['Model name', t.modelName],
    ['Thread(s) per core', t.threadsPerCore],
    ['Core(s) per socket', t.coresPerSocket],
    ['Socket(s)', t.sockets],
    ['Hypervisor vendor', t.virtualization.hypervisorVendor],
    ['Virtualization type', t.virtualization.type],
    ['L1d cache', cacheLine(t.caches.l1d)],
    ['L1i cache', cacheLine(t.caches.l1i)],
    ['L2 cache', cacheLine(t.caches.l2)],
    ['L3 cache', cacheLine(t.caches.l3)],
    ['NUMA node(s)', t.numaNodes.length],
    ...t.numaNodes.map((n): [string, string] => [`NUMA node${n.id} CPU(s)`, formatLscpuList(n.cpus)]),
    ['Logical CPUs', t.counts.logical],
    ['Physical cores', t.counts.physical],
    ['Usable CPUs', t.counts.usable],
    ['OS', t.versions.os],
    ['Kernel', t.versions.kernel],
    ['Node', t.versions.node],
    ['Electron', t.versions.electron],
    ['Chromium', t.versions.chromium],
    ['Source', t.source],
    ['Flags', t.flags.join(' ') || null],
  ]);
  const ids = cacheIds(t);
  // Unknown ids (an offline CPU's node, socket and core) print as "-", as in `lscpu -e`.
  const id = (n: number | null): string => (n === null ? '-' : String(n));
  const rows = t.perCpu.map((c) => [
    String(c.cpu),
    id(c.node),
    id(c.socket),
    id(c.core),
    ids.get(c.cpu) ?? '-',
    c.online ? 'yes' : 'no',
  ]);
  lines.push('', ...table(['CPU', 'NODE', 'SOCKET', 'CORE', 'L1d:L1i:L2:L3', 'ONLINE'], rows, new Set([4])));
  return `${lines.join('\n')}\n`;
}
