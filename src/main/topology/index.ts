/** CPU topology readers and the host's topology service. */
export { createTopologyService, type TopologyServiceOptions } from './topology-service';
export { readSysfsTopology } from './sysfs-topology';
export { readSystemInformationTopology, type SystemInformationSource } from './si-topology';
export { formatCpuList, formatLscpuList, parseCacheSize, parseCpuList } from './cpu-list';
export { liveHostFacts, lscpuArchitecture, type HostFacts } from './host-facts';
