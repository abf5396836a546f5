/**
 * What Parascope knows about the machine's CPUs: the data of `lscpu` and a per-CPU map.
 * Produced by the host's topology service (sysfs on Linux, systeminformation elsewhere).
 */

/** One cache level as lscpu sums it: `size` is the total over all instances. */
export interface CacheSummary {
  /** Total bytes over every instance (lscpu's "64 KiB (2 instances)" is 65536). */
  bytes: number;
  /** Number of distinct cache instances. */
  instances: number;
}

/** The four cache levels lscpu reports. Missing levels are null. */
export interface CacheSet {
  l1d: CacheSummary | null;
  l1i: CacheSummary | null;
  l2: CacheSummary | null;
  l3: CacheSummary | null;
}

/** A NUMA node and the logical CPUs in it. */
export interface NumaNode {
  id: number;
  cpus: number[];
}

/** One cache instance that a logical CPU uses, and who else shares it. */
export interface CpuCache {
  /** `l1d`, `l1i`, `l2` or `l3`. */
  level: keyof CacheSet;
  /** Bytes of this one instance. */
  bytes: number;
  /** Logical CPUs sharing this instance (including this one). */
  sharedWith: number[];
}

/** One logical CPU and where it sits. */
export interface PerCpu {
  cpu: number;
  /**
   * Physical core id, unique across sockets (socket-local core ids are made unique); null when
   * unknown (an offline CPU, for which sysfs has no topology; `lscpu -e` prints "-").
   */
  core: number | null;
  /** Socket id; null when unknown (an offline CPU, as for `core`). */
  socket: number | null;
  /** NUMA node, or null when unknown. */
  node: number | null;
  online: boolean;
  caches: CpuCache[];
}

/** Virtualisation as lscpu shows it. */
export interface Virtualization {
  /** e.g. "KVM", "Xen", "VMware", "Microsoft"; null on bare metal or when unknown. */
  hypervisorVendor: string | null;
  /** "full", "para" or "container"; null when unknown. */
  type: string | null;
}

/** Versions of the pieces Parascope runs on. Electron and Chromium are null outside Electron. */
export interface RuntimeVersions {
  os: string;
  kernel: string;
  node: string;
  electron: string | null;
  chromium: string | null;
}

/** Python's `cpu_count` family, answered for this machine and process. */
export interface CpuCounts {
  /** Logical CPUs (`os.cpu_count()`). */
  logical: number;
  /** Physical cores (`psutil.cpu_count(logical=False)`). */
  physical: number;
  /** CPUs this process may run on (`len(os.sched_getaffinity(0))`). */
  usable: number;
}

/** Everything the System view and `parascope topology --json` show. */
export interface Topology {
  architecture: string;
  modelName: string;
  vendor: string;
  /** Logical CPUs. */
  cpus: number;
  /** Online CPUs in lscpu's list form, e.g. "0-3,6". */
  onlineCpus: string;
  sockets: number;
  coresPerSocket: number;
  threadsPerCore: number;
  numaNodes: NumaNode[];
  caches: CacheSet;
  flags: string[];
  virtualization: Virtualization;
  versions: RuntimeVersions;
  counts: CpuCounts;
  perCpu: PerCpu[];
  /** Where the data came from: "sysfs" or "systeminformation". */
  source: 'sysfs' | 'systeminformation';
}
