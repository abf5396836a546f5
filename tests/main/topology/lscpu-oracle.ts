/**
 * Test oracle: parses the text lscpu prints (`lscpu` and `lscpu -e=CPU,NODE,SOCKET,CORE,CACHE,ONLINE`)
 * so tests compare readSysfsTopology() with what util-linux computes from the same files.
 */
import { expect } from 'vitest';
import type { CacheSet, Topology } from '../../../src/shared/topology';

/** The summary fields of `lscpu`, keyed by label without the colon ("CPU(s)", "L1d cache"). */
export function parseLscpu(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m?.[1] && m[2] !== undefined && !fields.has(m[1].trim())) fields.set(m[1].trim(), m[2].trim());
  }
  return fields;
}

/** One row of `lscpu -e`; "-" becomes null. */
export interface LscpuRow {
  cpu: number;
  node: number | null;
  socket: number | null;
  core: number | null;
  /** Cache instance ids in L1d:L1i:L2:L3 order (lscpu's logical ids), null when offline. */
  caches: Array<number | null>;
  online: boolean;
}

/** Parses `lscpu -e=CPU,NODE,SOCKET,CORE,CACHE,ONLINE` output. */
export function parseLscpuExtended(text: string): LscpuRow[] {
  const lines = text.trim().split('\n');
  const header = (lines[0] ?? '').trim().split(/\s+/);
  const col = (name: string) => header.findIndex((h) => h === name || h.startsWith(`${name}`));
  const num = (s: string | undefined) => (s === undefined || s === '-' || s === '' ? null : Number(s));
  return lines.slice(1).map((line) => {
    const cells = line.trim().split(/\s+/);
    const cacheCell = cells[col('L1d')] ?? '-';
    return {
      cpu: Number(cells[col('CPU')]),
      node: num(cells[col('NODE')]),
      socket: num(cells[col('SOCKET')]),
      core: num(cells[col('CORE')]),
      caches: cacheCell === '-' ? [] : cacheCell.split(':').map(num),
      online: cells[col('ONLINE')] === 'yes',
    };
  });
}

/** util-linux `size_to_human_string(SIZE_SUFFIX_3LETTER | SIZE_SUFFIX_SPACE)`, as lscpu prints cache totals. */
export function lscpuHumanSize(bytes: number): string {
  let exp = 0;
  for (let shift = 10; shift <= 60; shift += 10) {
    if (bytes < 2 ** shift) break;
    exp = shift;
  }
  const letter = 'BKMGTPE'[exp / 10] ?? '?';
  const suffix = letter === 'B' ? ' B' : ` ${letter}iB`;
  let dec = Math.floor(bytes / 2 ** exp);
  let frac = exp ? bytes % 2 ** exp : 0;
  if (frac) {
    frac = Math.floor((frac * 1000) / 2 ** exp);
    frac = Math.floor((frac + 50) / 100) * 10;
    if (frac === 100) {
      dec += 1;
      frac = 0;
    }
  }
  if (!frac) return `${dec}${suffix}`;
  return `${dec}.${String(frac).padStart(2, '0').replace(/0$/, '')}${suffix}`;
}

const CACHE_LABELS: Record<keyof CacheSet, string> = {
  l1d: 'L1d cache',
  l1i: 'L1i cache',
  l2: 'L2 cache',
  l3: 'L3 cache',
};

/** How lscpu would print one cache summary: "64 KiB (2 instances)". */
function cacheLine(summary: { bytes: number; instances: number }): string {
  const n = summary.instances;
  return `${lscpuHumanSize(summary.bytes)} (${n} instance${n === 1 ? '' : 's'})`;
}

/**
 * Asserts that a topology agrees with lscpu's summary text: CPU counts, on-line list,
 * sockets/cores/threads, model, vendor, flags, caches and NUMA nodes. Virtualisation is
 * compared only when `compareVirtualization` (lscpu --sysroot cannot see the hypervisor).
 */
export function expectAgreesWithLscpu(
  topology: Topology,
  lscpuText: string,
  compareVirtualization: boolean,
): void {
  const l = parseLscpu(lscpuText);
  expect(topology.cpus).toBe(Number(l.get('CPU(s)')));
  expect(topology.onlineCpus).toBe(l.get('On-line CPU(s) list'));
  expect(topology.sockets).toBe(Number(l.get('Socket(s)')));
  expect(topology.coresPerSocket).toBe(Number(l.get('Core(s) per socket')));
  expect(topology.threadsPerCore).toBe(Number(l.get('Thread(s) per core')));
  expect(topology.modelName).toBe(l.get('Model name'));
  expect(topology.vendor).toBe(l.get('Vendor ID'));
  expect(topology.flags.join(' ')).toBe(l.get('Flags'));
  for (const [level, label] of Object.entries(CACHE_LABELS) as Array<[keyof CacheSet, string]>) {
    const ours = topology.caches[level];
    expect(ours ? cacheLine(ours) : undefined, label).toBe(l.get(label));
  }
  const nodeCount = l.get('NUMA node(s)');
  expect(topology.numaNodes.length).toBe(nodeCount === undefined ? 0 : Number(nodeCount));
  for (const node of topology.numaNodes) {
    const listed = l.get(`NUMA node${node.id} CPU(s)`) ?? '';
    expect(node.cpus, `node ${node.id}`).toEqual(listed === '' ? [] : expandLscpuList(listed));
  }
  if (compareVirtualization) {
    expect(topology.virtualization.hypervisorVendor).toBe(l.get('Hypervisor vendor') ?? null);
    expect(topology.virtualization.type).toBe(l.get('Virtualization type') ?? null);
  }
}

/** Expands lscpu's list text ("0,1,4-6") independently of the code under test. */
function expandLscpuList(text: string): number[] {
  return text.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    if (a === undefined) return [];
    return b === undefined ? [a] : Array.from({ length: b - a + 1 }, (_, i) => a + i);
  });
}

/**
 * Asserts that `perCpu` matches `lscpu -e` row by row (node, socket, core, online) and that
 * CPUs lscpu puts in the same cache instance are exactly the ones our `sharedWith` lists.
 */
export function expectAgreesWithLscpuExtended(topology: Topology, extendedText: string): void {
  const rows = parseLscpuExtended(extendedText);
  expect(topology.perCpu.map((p) => p.cpu)).toEqual(rows.map((r) => r.cpu));
  const levels: Array<keyof CacheSet> = ['l1d', 'l1i', 'l2', 'l3'];
  for (const [i, row] of rows.entries()) {
    const ours = topology.perCpu[i];
    expect(ours, `cpu ${row.cpu}`).toBeDefined();
    if (!ours) continue;
    expect({
      cpu: ours.cpu,
      node: ours.node,
      socket: ours.socket,
      core: ours.core,
      online: ours.online,
    }).toEqual({
      cpu: row.cpu,
      node: row.node,
      socket: row.socket,
      core: row.core,
      online: row.online,
    });
    for (const [k, id] of row.caches.entries()) {
      const level = levels[k];
      if (id === null || level === undefined) continue;
      const sharers = rows.filter((r) => r.caches[k] === id).map((r) => r.cpu);
      expect(ours.caches.find((c) => c.level === level)?.sharedWith, `cpu ${row.cpu} ${level}`).toEqual(
        sharers,
      );
    }
  }
}
