/**
 * Pure lscpu arithmetic over per-CPU records: sockets, cores per socket, threads per core,
 * cache totals and the per-CPU table. Kept free of I/O so fixtures and fakes test it directly.
 */
import type { CacheSet, CacheSummary, CpuCache, NumaNode, PerCpu } from '../../shared/topology';

/** One cache instance as one CPU's `cache/indexN` describes it. */
export interface RawCache {
  /** `level` (1, 2, 3…). */
  level: number;
  /** `type`: "Data", "Instruction" or "Unified". */
  type: string;
  /** Bytes of this instance (`size`). */
  bytes: number;
  /** Online CPUs sharing it (`shared_cpu_list`). */
  sharedWith: number[];
  /** `id`, unique per level and type; null on kernels that lack it. */
  id: number | null;
}

/** One logical CPU as sysfs describes it. Offline CPUs have no topology or caches. */
export interface RawCpu {
  cpu: number;
  online: boolean;
  /** `topology/core_id` (socket-local); null when unknown. */
  coreId: number | null;
  /** `topology/physical_package_id`; null when unknown. */
  packageId: number | null;
  /** `topology/thread_siblings_list` (online siblings, including this CPU). */
  threadSiblings: number[];
  caches: RawCache[];
}

/** What {@link summarizeCpus} computes. */
export interface CpuSummary {
  sockets: number;
  coresPerSocket: number;
  threadsPerCore: number;
  /** Distinct online physical cores (unique socket/core pairs). */
  physicalCores: number;
  caches: CacheSet;
  perCpu: PerCpu[];
}

/** Maps a sysfs level/type pair to the contract's cache name; null for levels it lacks (L4). */
export function cacheLevelName(level: number, type: string): keyof CacheSet | null {
  const t = type.toLowerCase();
  if (level === 1) return t === 'data' ? 'l1d' : t === 'instruction' ? 'l1i' : null;
  if (t === 'instruction') return null;
  if (level === 2) return 'l2';
  if (level === 3) return 'l3';
  return null;
}

const LEVEL_ORDER: ReadonlyArray<keyof CacheSet> = ['l1d', 'l1i', 'l2', 'l3'];

/** Hands out 0, 1, 2… per distinct key, in order of first sight (lscpu -e's logical ids). */
function indexer(): (key: string) => number {
  const ids = new Map<string, number>();
  return (key) => {
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  };
}

// A cache instance is identified as lscpu does: by level, type and id; without an id, by
// who shares it.
function cacheKey(c: RawCache): string {
  return `${c.level}/${c.type}/${c.id ?? `cpus:${c.sharedWith.join(',')}`}`;
}

function coreKey(c: RawCpu): string {
  return c.coreId !== null && c.packageId !== null
    ? `${c.packageId}:${c.coreId}`
    : `siblings:${(c.threadSiblings.length > 0 ? c.threadSiblings : [c.cpu]).join(',')}`;
}

/**
 * Computes lscpu's summary from per-CPU records (any order). Only online CPUs count, as in
 * lscpu; offline rows have `core` and `socket` null (sysfs has no topology for them; `lscpu -e`
 * prints "-"). Cores and sockets in
 * `perCpu` are renumbered 0, 1, 2… in CPU order, as `lscpu -e` prints them, which makes
 * socket-local core ids unique across sockets.
 */
export function summarizeCpus(rawCpus: readonly RawCpu[], nodes: readonly NumaNode[]): CpuSummary {
  const cpus = [...rawCpus].sort((a, b) => a.cpu - b.cpu);
  const online = cpus.filter((c) => c.online);
  const coreIndex = indexer();
  const socketIndex = indexer();
  const nodeOf = new Map<number, number>();
  for (const n of nodes) for (const cpu of n.cpus) if (!nodeOf.has(cpu)) nodeOf.set(cpu, n.id);

  const instances = new Map<string, { name: keyof CacheSet; bytes: number }>();
  let threadsPerCore = online.length > 0 ? 1 : 0;
  const perCpu: PerCpu[] = cpus.map((c) => {
    if (!c.online) {
      return {
        cpu: c.cpu,
        core: null,
        socket: null,
        node: nodeOf.get(c.cpu) ?? null,
        online: false,
        caches: [],
      };
    }
    threadsPerCore = Math.max(threadsPerCore, c.threadSiblings.length);
    const caches: CpuCache[] = [];
    for (const raw of c.caches) {
      const name = cacheLevelName(raw.level, raw.type);
      if (!name) continue;
      instances.set(cacheKey(raw), { name, bytes: raw.bytes });
      caches.push({ level: name, bytes: raw.bytes, sharedWith: [...raw.sharedWith] });
    }
    caches.sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level));
    return {
      cpu: c.cpu,
      core: coreIndex(coreKey(c)),
      socket: socketIndex(c.packageId === null ? 'unknown' : String(c.packageId)),
      node: nodeOf.get(c.cpu) ?? null,
      online: true,
      caches,
    };
  });

  const physicalCores = new Set(online.map(coreKey)).size;
  const sockets = new Set(online.map((c) => c.packageId)).size;
  const totals: Record<keyof CacheSet, CacheSummary | null> = { l1d: null, l1i: null, l2: null, l3: null };
  for (const { name, bytes } of instances.values()) {
    const sum = totals[name] ?? { bytes: 0, instances: 0 };
    totals[name] = { bytes: sum.bytes + bytes, instances: sum.instances + 1 };
  }
  return {
    sockets,
    // lscpu divides too; uneven sockets (rare) round down as in lscpu.
    coresPerSocket: sockets > 0 ? Math.floor(physicalCores / sockets) : 0,
    threadsPerCore,
    physicalCores,
    caches: totals,
    perCpu,
  };
}
