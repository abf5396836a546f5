/**
 * Linux topology from sysfs and `/proc/cpuinfo`, computed the way lscpu computes it.
 * Every path is read under `root`, so tests point it at a fixture tree.
 */
import { access, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { NumaNode, Topology } from '../../shared/topology';
import { formatLscpuList, parseCacheSize, parseCpuList } from './cpu-list';
import { parseCpuInfo } from './cpuinfo';
import { liveHostFacts, osReleaseName, type HostFacts } from './host-facts';
import { summarizeCpus, type RawCache, type RawCpu } from './summarize';
import { sysfsUnreadable } from './topology-errors';
import { detectVirtualization } from './virtualization';

const CPU_DIR = 'sys/devices/system/cpu';
const NODE_DIR = 'sys/devices/system/node';

/** Reads a small text file under root; null when it is missing or unreadable. */
async function text(root: string, path: string): Promise<string | null> {
  try {
    return (await readFile(join(root, path), 'utf8')).trim();
  } catch {
    return null;
  }
}

async function exists(root: string, path: string): Promise<boolean> {
  return access(join(root, path)).then(
    () => true,
    () => false,
  );
}

async function int(root: string, path: string): Promise<number | null> {
  const t = await text(root, path);
  const n = t === null || t === '' ? NaN : Number(t);
  return Number.isInteger(n) ? n : null;
}

/** A kernel list file, or null when missing or malformed (sysfs is trusted, but best effort). */
async function cpuList(root: string, path: string): Promise<number[] | null> {
  const t = await text(root, path);
  if (t === null) return null;
  try {
    return parseCpuList(t);
  } catch {
    return null;
  }
}

/** Names in a directory matching `pattern`, with the number they carry, sorted by it. */
async function numbered(root: string, path: string, pattern: RegExp): Promise<number[]> {
  try {
    const names = await readdir(join(root, path));
    return names
      .map((n) => pattern.exec(n)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  } catch {
    return [];
  }
}

async function readCache(root: string, dir: string): Promise<RawCache | null> {
  const [level, type, size, shared, id] = await Promise.all([
    int(root, `${dir}/level`),
    text(root, `${dir}/type`),
    text(root, `${dir}/size`),
    cpuList(root, `${dir}/shared_cpu_list`),
    int(root, `${dir}/id`),
  ]);
  if (level === null || type === null || size === null) return null;
  try {
    return { level, type, bytes: parseCacheSize(size), sharedWith: shared ?? [], id };
  } catch {
    return null; // a cache with an unreadable size is left out rather than counted as 0
  }
}

async function readCpu(root: string, cpu: number, onlineList: number[] | null): Promise<RawCpu> {
  const dir = `${CPU_DIR}/cpu${cpu}`;
  // The global list is authoritative; cpuN/online is absent for CPUs that cannot go offline (cpu0).
  const online = onlineList ? onlineList.includes(cpu) : (await int(root, `${dir}/online`)) !== 0;
  const [coreId, packageId, siblings, cores, indexes] = await Promise.all([
    int(root, `${dir}/topology/core_id`),
    int(root, `${dir}/topology/physical_package_id`),
    cpuList(root, `${dir}/topology/thread_siblings_list`),
    cpuList(root, `${dir}/topology/core_cpus_list`),
    numbered(root, `${dir}/cache`, /^index(\d+)$/),
  ]);
  const caches = await Promise.all(indexes.map((i) => readCache(root, `${dir}/cache/index${i}`)));
  return {
    cpu,
    online,
    coreId,
    packageId,
    threadSiblings: siblings ?? cores ?? [cpu],
    caches: caches.filter((c): c is RawCache => c !== null),
  };
}

async function readNodes(root: string): Promise<NumaNode[]> {
  const ids = await numbered(root, NODE_DIR, /^node(\d+)$/);
  return Promise.all(
    ids.map(async (id) => ({ id, cpus: (await cpuList(root, `${NODE_DIR}/node${id}/cpulist`)) ?? [] })),
  );
}

/**
 * Reads the CPU topology of a Linux machine from `<root>/sys` and `<root>/proc/cpuinfo`.
 *
 * Numbers follow lscpu: `cpus` counts present CPUs, sockets/cores/threads and cache totals
 * count online CPUs only (offline CPUs have no topology in sysfs), `onlineCpus` uses lscpu's
 * list form. `facts` supplies what sysfs does not hold (architecture, versions, affinity);
 * pass fixed facts when `root` is a fixture. Throws when `<root>/sys/devices/system/cpu`
 * holds no CPUs.
 */
export async function readSysfsTopology(root = '/', facts: HostFacts = liveHostFacts()): Promise<Topology> {
  const [present, possible, onlineList, dirs] = await Promise.all([
    cpuList(root, `${CPU_DIR}/present`),
    cpuList(root, `${CPU_DIR}/possible`),
    cpuList(root, `${CPU_DIR}/online`),
    numbered(root, CPU_DIR, /^cpu(\d+)$/),
  ]);
  const cpuNumbers = present ?? possible ?? dirs;
  if (cpuNumbers.length === 0) throw sysfsUnreadable(root);

  const [rawCpus, nodes, cpuinfoText, hvType, sysVendor, productName, clocks, procVz, procBc, osRelease] =
    await Promise.all([
      Promise.all(cpuNumbers.map((cpu) => readCpu(root, cpu, onlineList))),
      readNodes(root),
      text(root, 'proc/cpuinfo'),
      text(root, 'sys/hypervisor/type'),
      text(root, 'sys/class/dmi/id/sys_vendor'),
      text(root, 'sys/class/dmi/id/product_name'),
      text(root, 'sys/devices/system/clocksource/clocksource0/available_clocksource'),
      exists(root, 'proc/vz'),
      exists(root, 'proc/bc'),
      text(root, 'etc/os-release').then(async (t) => t ?? text(root, 'usr/lib/os-release')),
    ]);
  const info = parseCpuInfo(cpuinfoText ?? '');
  const summary = summarizeCpus(rawCpus, nodes);
  const online = rawCpus.filter((c) => c.online).map((c) => c.cpu);

  return {
    architecture: facts.architecture,
    modelName: info.modelName ?? 'unknown',
    vendor: info.vendor ?? 'unknown',
    cpus: cpuNumbers.length,
    onlineCpus: formatLscpuList(online),
    sockets: summary.sockets,
    coresPerSocket: summary.coresPerSocket,
    threadsPerCore: summary.threadsPerCore,
    numaNodes: nodes,
    caches: summary.caches,
    flags: info.flags,
    virtualization: detectVirtualization({
      hypervisorFlag: info.hypervisorFlag,
      hypervisorType: hvType,
      sysVendor,
      productName,
      clockSources: clocks,
      procVz,
      procBc,
    }),
    versions: {
      os: osReleaseName(osRelease) ?? facts.osType,
      kernel: facts.kernel,
      node: facts.node,
      electron: facts.electron,
      chromium: facts.chromium,
    },
    counts: { logical: online.length, physical: summary.physicalCores, usable: facts.usable },
    perCpu: summary.perCpu,
    source: 'sysfs',
  };
}
