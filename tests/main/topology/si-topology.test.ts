import os from 'node:os';
import type { Systeminformation } from 'systeminformation';
import { describe, expect, it } from 'vitest';
import type { HostFacts } from '../../../src/main/topology/host-facts';
import {
  readSystemInformationTopology,
  type SystemInformationSource,
} from '../../../src/main/topology/si-topology';

const facts: HostFacts = {
  architecture: 'aarch64',
  osType: 'Darwin',
  kernel: '24.1.0',
  node: '20.20.0',
  electron: '41.7.1',
  chromium: '146.0.0.0',
  usable: 16,
};

/** A fake systeminformation answering like a 2-socket, 4-core, 2-thread Windows box. */
function fakeSi(
  overrides: Partial<Systeminformation.CpuData> = {},
  virtual = false,
): SystemInformationSource {
  const cache = { l1d: 256 * 1024, l1i: 256 * 1024, l2: 2 * 1024 ** 2, l3: 30 * 1024 ** 2 };
  const cpu = {
    manufacturer: 'Intel',
    brand: 'Xeon® E5-2637 v4',
    vendor: 'GenuineIntel',
    cores: 16,
    physicalCores: 8,
    processors: 2,
    cache,
    ...overrides,
  } as Systeminformation.CpuData;
  return {
    cpu: async () => cpu,
    cpuFlags: async () => 'fpu vme sse2 avx2',
    cpuCache: async () => cache,
    osInfo: async () =>
      ({ distro: 'Microsoft Windows 11 Pro', release: '10.0.22631' }) as Systeminformation.OsData,
    system: async () =>
      ({ virtual, virtualHost: virtual ? 'VMware' : undefined }) as Systeminformation.SystemData,
  };
}

describe('readSystemInformationTopology with a fake systeminformation', () => {
  it('derives the lscpu summary from counts and cache totals', async () => {
    const t = await readSystemInformationTopology(fakeSi(), facts);
    expect(t).toMatchObject({
      source: 'systeminformation',
      architecture: 'aarch64',
      modelName: 'Intel Xeon® E5-2637 v4',
      vendor: 'GenuineIntel',
      cpus: 16,
      onlineCpus: '0-15',
      sockets: 2,
      coresPerSocket: 4,
      threadsPerCore: 2,
      numaNodes: [],
      flags: ['fpu', 'vme', 'sse2', 'avx2'],
      caches: {
        l1d: { bytes: 256 * 1024, instances: 8 },
        l2: { bytes: 2 * 1024 ** 2, instances: 8 },
        l3: { bytes: 30 * 1024 ** 2, instances: 2 },
      },
      virtualization: { hypervisorVendor: null, type: null },
      versions: { os: 'Microsoft Windows 11 Pro 10.0.22631', kernel: '24.1.0', electron: '41.7.1' },
      counts: { logical: 16, physical: 8, usable: 16 },
    });
  });

  it('infers a per-CPU table with adjacent siblings sharing L1/L2 and sockets sharing L3', async () => {
    const t = await readSystemInformationTopology(fakeSi(), facts);
    expect(t.perCpu).toHaveLength(16);
    expect(t.perCpu[5]).toEqual({
      cpu: 5,
      core: 2,
      socket: 0,
      node: null,
      online: true,
      caches: [
        { level: 'l1d', bytes: 32 * 1024, sharedWith: [4, 5] },
        { level: 'l1i', bytes: 32 * 1024, sharedWith: [4, 5] },
        { level: 'l2', bytes: 256 * 1024, sharedWith: [4, 5] },
        { level: 'l3', bytes: 15 * 1024 ** 2, sharedWith: [0, 1, 2, 3, 4, 5, 6, 7] },
      ],
    });
    expect(t.perCpu[15]?.socket).toBe(1);
  });

  it('reports the virtual host systeminformation detects', async () => {
    const t = await readSystemInformationTopology(fakeSi({}, true), facts);
    expect(t.virtualization).toEqual({ hypervisorVendor: 'VMware', type: 'full' });
  });

  it('keeps a consistent shape when counts are missing or contradictory', async () => {
    const t = await readSystemInformationTopology(
      fakeSi({ cores: 4, physicalCores: 0, processors: 0 }),
      facts,
    );
    expect(t).toMatchObject({ cpus: 4, sockets: 1, coresPerSocket: 4, threadsPerCore: 1 });
    expect(t.counts.physical).toBe(4);
  });
});

describe('readSystemInformationTopology with the real systeminformation', () => {
  it('describes this machine with as many CPUs as Node sees', async () => {
    const t = await readSystemInformationTopology();
    expect(t.source).toBe('systeminformation');
    expect(t.cpus).toBe(os.cpus().length);
    expect(t.perCpu).toHaveLength(t.cpus);
    expect(t.sockets * t.coresPerSocket * t.threadsPerCore).toBeLessThanOrEqual(t.cpus);
    expect(t.counts.usable).toBe(os.availableParallelism());
  });
});
