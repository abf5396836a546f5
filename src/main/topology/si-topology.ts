/**
 * Best-effort topology for platforms without sysfs (macOS, Windows), via systeminformation.
 *
 * systeminformation gives counts and cache sizes but no per-CPU map, so the per-CPU table is
 * inferred: logical CPUs are assumed numbered sibling-adjacent (0,1 share core 0), which is
 * how Windows and macOS enumerate them; L1/L2 are assumed per core and L3 per socket. NUMA
 * nodes are unknown (empty list, `node: null`).
 */
import * as systeminformation from 'systeminformation';
import type { CacheSet, CacheSummary, CpuCache, PerCpu, Topology } from '../../shared/topology';
import { formatLscpuList } from './cpu-list';
import { liveHostFacts, type HostFacts } from './host-facts';

/** The parts of systeminformation this reader uses (tests pass a fake). */
export interface SystemInformationSource {
  cpu(): Promise<systeminformation.Systeminformation.CpuData>;
  cpuFlags(): Promise<string>;
  cpuCache(): Promise<systeminformation.Systeminformation.CpuCacheData>;
  osInfo(): Promise<systeminformation.Systeminformation.OsData>;
  system(): Promise<systeminformation.Systeminformation.SystemData>;
}

/** A positive integer, or the fallback. */
function positive(n: unknown, fallback: number): number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : fallback;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * Reads the topology via systeminformation (`si.cpu()`, `si.cpuFlags()`, `si.cpuCache()`,
 * `si.osInfo()`, `si.system()`). Cache byte totals are systeminformation's (totals on
 * Linux and Windows; per-core sizes on macOS, where they are therefore understated);
 * instance counts are the assumed ones described in the module comment.
 */
export async function readSystemInformationTopology(
  si: SystemInformationSource = systeminformation,
  facts: HostFacts = liveHostFacts(),
): Promise<Topology> {
  const [cpu, flagText, cache, osInfo, system] = await Promise.all([
    si.cpu(),
    si.cpuFlags().catch(() => ''),
    si.cpuCache().catch(() => null),
    si.osInfo().catch(() => null),
    si.system().catch(() => null),
  ]);
  const logical = positive(cpu.cores, 1);
  const physical = Math.min(positive(cpu.physicalCores, logical), logical);
  const sockets = Math.min(positive(cpu.processors, 1), physical);
  const threadsPerCore = Math.max(1, Math.round(logical / physical));
  const coresPerSocket = Math.max(1, Math.floor(physical / sockets));
  const cacheBytes = cache ?? cpu.cache;

  const coreOf = (c: number): number => Math.min(Math.floor(c / threadsPerCore), physical - 1);
  const socketOf = (c: number): number => Math.min(Math.floor(coreOf(c) / coresPerSocket), sockets - 1);
  const instanceCount: Record<keyof CacheSet, number> = {
    l1d: physical,
    l1i: physical,
    l2: physical,
    l3: sockets,
  };
  const summary = (name: keyof CacheSet): CacheSummary | null => {
    const bytes = cacheBytes?.[name];
    return typeof bytes === 'number' && bytes > 0 ? { bytes, instances: instanceCount[name] } : null;
  };
  const caches: CacheSet = { l1d: summary('l1d'), l1i: summary('l1i'), l2: summary('l2'), l3: summary('l3') };

  const cpus = range(logical);
  const perCpu: PerCpu[] = cpus.map((c) => {
    const own: CpuCache[] = [];
    for (const name of ['l1d', 'l1i', 'l2', 'l3'] as const) {
      const s = caches[name];
      if (!s) continue;
      const sharedWith =
        name === 'l3'
          ? cpus.filter((o) => socketOf(o) === socketOf(c))
          : cpus.filter((o) => coreOf(o) === coreOf(c));
      own.push({ level: name, bytes: Math.round(s.bytes / s.instances), sharedWith });
    }
    return { cpu: c, core: coreOf(c), socket: socketOf(c), node: null, online: true, caches: own };
  });

  const distro = osInfo ? [osInfo.distro, osInfo.release].filter((s) => s).join(' ') : '';
  return {
    architecture: facts.architecture,
    modelName: [cpu.manufacturer, cpu.brand].filter((s) => s).join(' ') || 'unknown',
    vendor: cpu.vendor || cpu.manufacturer || 'unknown',
    cpus: logical,
    onlineCpus: formatLscpuList(cpus),
    sockets,
    coresPerSocket,
    threadsPerCore,
    numaNodes: [],
    caches,
    flags: flagText.split(/\s+/).filter((s) => s !== ''),
    virtualization: system?.virtual
      ? { hypervisorVendor: system.virtualHost || null, type: 'full' }
      : { hypervisorVendor: null, type: null },
    versions: {
      os: distro || facts.osType,
      kernel: facts.kernel,
      node: facts.node,
      electron: facts.electron,
      chromium: facts.chromium,
    },
    counts: { logical, physical, usable: facts.usable },
    perCpu,
    source: 'systeminformation',
  };
}
