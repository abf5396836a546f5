import { describe, expect, it, vi } from 'vitest';
import type { Topology } from '../../../src/shared/topology';
import { createTopologyService } from '../../../src/main/topology/topology-service';

const fake = (source: Topology['source'], cpus = 4) => ({ source, cpus }) as Topology;

describe('createTopologyService', () => {
  it('reads sysfs on Linux, once, and serves every later read from the cache', async () => {
    const readSysfs = vi.fn(async () => fake('sysfs'));
    const readSystemInformation = vi.fn(async () => fake('systeminformation'));
    const service = createTopologyService({ platform: 'linux', readSysfs, readSystemInformation });
    const [a, b] = await Promise.all([service.read(), service.read()]);
    const c = await service.read();
    expect(a.source).toBe('sysfs');
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(readSysfs).toHaveBeenCalledTimes(1);
    expect(readSystemInformation).not.toHaveBeenCalled();
  });

  it('falls back to systeminformation when sysfs is unreadable', async () => {
    const service = createTopologyService({
      platform: 'linux',
      readSysfs: async () => {
        throw new Error('no /sys');
      },
      readSystemInformation: async () => fake('systeminformation'),
    });
    expect((await service.read()).source).toBe('systeminformation');
  });

  it('uses systeminformation on other platforms', async () => {
    const readSysfs = vi.fn(async () => fake('sysfs'));
    const service = createTopologyService({
      platform: 'darwin',
      readSysfs,
      readSystemInformation: async () => fake('systeminformation'),
    });
    expect((await service.read()).source).toBe('systeminformation');
    expect(readSysfs).not.toHaveBeenCalled();
  });

  it('does not cache a failure: the next read tries again', async () => {
    let attempts = 0;
    const service = createTopologyService({
      platform: 'win32',
      readSystemInformation: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('transient');
        return fake('systeminformation');
      },
    });
    await expect(service.read()).rejects.toThrow('transient');
    expect((await service.read()).source).toBe('systeminformation');
    expect(attempts).toBe(2);
  });

  it.skipIf(process.platform !== 'linux')('reads this Linux machine from sysfs by default', async () => {
    // Only Linux has sysfs; elsewhere the default path is the systeminformation one.
    const t = await createTopologyService().read();
    expect(t.source).toBe('sysfs');
    expect(t.cpus).toBeGreaterThan(0);
  });
});
