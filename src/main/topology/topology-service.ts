/** The host's {@link TopologyService}: sysfs on Linux, systeminformation elsewhere, read once. */
import type { Topology } from '../../shared/topology';
import type { TopologyService } from '../host/services';
import { readSystemInformationTopology } from './si-topology';
import { readSysfsTopology } from './sysfs-topology';

/** Options of {@link createTopologyService}; the defaults read this machine. */
export interface TopologyServiceOptions {
  /** Platform deciding the reader; defaults to `process.platform`. */
  platform?: NodeJS.Platform;
  /** Linux reader; defaults to `readSysfsTopology('/')`. */
  readSysfs?: () => Promise<Topology>;
  /** Reader for other platforms and the Linux fallback; defaults to `readSystemInformationTopology()`. */
  readSystemInformation?: () => Promise<Topology>;
}

/**
 * Creates the topology service. On Linux it reads sysfs and falls back to systeminformation
 * when sysfs is unreadable (e.g. a sandbox without /sys); elsewhere it uses systeminformation.
 *
 * The first successful result is cached for the life of the service: topology does not change
 * during a run, and CPU hot-plug is deliberately not followed (restart to see it). A failed
 * read is not cached, so a later `read()` tries again.
 */
export function createTopologyService(options: TopologyServiceOptions = {}): TopologyService {
  const {
    platform = process.platform,
    readSysfs = () => readSysfsTopology('/'),
    readSystemInformation = () => readSystemInformationTopology(),
  } = options;
  let cached: Promise<Topology> | null = null;

  const load = async (): Promise<Topology> => {
    if (platform !== 'linux') return readSystemInformation();
    try {
      return await readSysfs();
    } catch {
      return readSystemInformation();
    }
  };

  return {
    read() {
      if (!cached) {
        // Concurrent first callers share one read; a failure clears the slot for a retry.
        cached = load().catch((error: unknown) => {
          cached = null;
          throw error;
        });
      }
      return cached;
    },
  };
}
