import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedFacts } from './fixed-facts';
import { readSysfsTopology } from '../../../src/main/topology/sysfs-topology';
import { expectAgreesWithLscpu, expectAgreesWithLscpuExtended } from './lscpu-oracle';

const fixtures = fileURLToPath(new URL('../../fixtures/sys/', import.meta.url));
const fixture = (name: string) => join(fixtures, name);
const oracle = (name: string, file: string) => readFileSync(join(fixtures, name, file), 'utf8');

const facts = fixedFacts(3);

const KiB = 1024;
const MiB = 1024 * KiB;

describe('readSysfsTopology on a copy of this machine (2-vCPU AMD EPYC KVM guest)', () => {
  const read = () => readSysfsTopology(fixture('this-machine'), facts);

  it('computes the lscpu summary numbers', async () => {
    const t = await read();
    expect(t).toMatchObject({
      source: 'sysfs',
      architecture: 'x86_64',
      modelName: 'AMD EPYC',
      vendor: 'AuthenticAMD',
      cpus: 2,
      onlineCpus: '0,1',
      sockets: 1,
      coresPerSocket: 2,
      threadsPerCore: 1,
      numaNodes: [{ id: 0, cpus: [0, 1] }],
      caches: {
        l1d: { bytes: 64 * KiB, instances: 2 },
        l1i: { bytes: 64 * KiB, instances: 2 },
        l2: { bytes: 2 * MiB, instances: 2 },
        l3: { bytes: 32 * MiB, instances: 1 },
      },
      virtualization: { hypervisorVendor: 'KVM', type: 'full' },
      counts: { logical: 2, physical: 2, usable: 3 },
    });
    expect(t.flags).toContain('avx512f');
    expect(t.flags).toContain('hypervisor');
  });

  it('maps each CPU to its core, socket, node and caches', async () => {
    const t = await read();
    expect(t.perCpu).toEqual(
      [0, 1].map((cpu) => ({
        cpu,
        core: cpu,
        socket: 0,
        node: 0,
        online: true,
        caches: [
          { level: 'l1d', bytes: 32 * KiB, sharedWith: [cpu] },
          { level: 'l1i', bytes: 32 * KiB, sharedWith: [cpu] },
          { level: 'l2', bytes: 1024 * KiB, sharedWith: [cpu] },
          { level: 'l3', bytes: 32 * MiB, sharedWith: [0, 1] },
        ],
      })),
    );
  });

  it('names the OS from etc/os-release and versions from the given facts', async () => {
    const t = await read();
    expect(t.versions).toEqual({
      os: 'Debian GNU/Linux 12 (bookworm)',
      kernel: '6.1.0-test',
      node: '20.20.0',
      electron: null,
      chromium: null,
    });
  });

  it('agrees with the lscpu output captured on this machine, hypervisor included', async () => {
    const t = await read();
    expectAgreesWithLscpu(t, oracle('this-machine', 'lscpu.txt'), true);
    expectAgreesWithLscpuExtended(t, oracle('this-machine', 'lscpu-e.txt'));
  });
});

describe('readSysfsTopology on a 2-socket Xeon with SMT (hand-built)', () => {
  const read = () => readSysfsTopology(fixture('xeon-2s'), facts);
  const socket0 = [0, 1, 2, 3, 8, 9, 10, 11];
  const socket1 = [4, 5, 6, 7, 12, 13, 14, 15];

  it('counts 16 CPUs as 2 sockets × 4 cores × 2 threads on 2 NUMA nodes', async () => {
    const t = await read();
    expect(t).toMatchObject({
      modelName: 'Intel(R) Xeon(R) CPU E5-2637 v4 @ 3.50GHz',
      vendor: 'GenuineIntel',
      cpus: 16,
      onlineCpus: '0-15',
      sockets: 2,
      coresPerSocket: 4,
      threadsPerCore: 2,
      numaNodes: [
        { id: 0, cpus: socket0 },
        { id: 1, cpus: socket1 },
      ],
      counts: { logical: 16, physical: 8, usable: 3 },
      virtualization: { hypervisorVendor: null, type: null },
      versions: { os: 'Rocky Linux 9.3 (Blue Onyx)' },
    });
  });

  it('sums caches over unique instances: per-core L1/L2, per-socket L3', async () => {
    const t = await read();
    expect(t.caches).toEqual({
      l1d: { bytes: 256 * KiB, instances: 8 },
      l1i: { bytes: 256 * KiB, instances: 8 },
      l2: { bytes: 2 * MiB, instances: 8 },
      l3: { bytes: 30 * MiB, instances: 2 },
    });
  });

  it('makes socket-local core ids unique and shows SMT siblings sharing L1/L2', async () => {
    const t = await read();
    // core_id is 0,1,9,10 on both sockets; cpu N and N+8 are one core.
    expect(t.perCpu.map((p) => p.core)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7]);
    expect(t.perCpu.map((p) => p.socket)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(t.perCpu.map((p) => p.node)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(t.perCpu[13]).toEqual({
      cpu: 13,
      core: 5,
      socket: 1,
      node: 1,
      online: true,
      caches: [
        { level: 'l1d', bytes: 32 * KiB, sharedWith: [5, 13] },
        { level: 'l1i', bytes: 32 * KiB, sharedWith: [5, 13] },
        { level: 'l2', bytes: 256 * KiB, sharedWith: [5, 13] },
        { level: 'l3', bytes: 15 * MiB, sharedWith: socket1 },
      ],
    });
  });

  it('agrees with lscpu --sysroot run on the same tree', async () => {
    const t = await read();
    expectAgreesWithLscpu(t, oracle('xeon-2s', 'lscpu.txt'), true);
    expectAgreesWithLscpuExtended(t, oracle('xeon-2s', 'lscpu-e.txt'));
  });
});

describe('readSysfsTopology with an offline CPU (hand-built 4-vCPU guest, cpu3 offline)', () => {
  const read = () => readSysfsTopology(fixture('offline-vm'), facts);

  it('counts present CPUs but computes the shape from online ones, as lscpu does', async () => {
    const t = await read();
    expect(t).toMatchObject({
      cpus: 4,
      onlineCpus: '0-2',
      sockets: 1,
      coresPerSocket: 2,
      threadsPerCore: 2,
      counts: { logical: 3, physical: 2, usable: 3 },
      caches: {
        l1d: { bytes: 64 * KiB, instances: 2 },
        l2: { bytes: 1 * MiB, instances: 2 },
        l3: { bytes: 32 * MiB, instances: 1 },
      },
      // QEMU in DMI plus kvm-clock: lscpu would say KVM via CPUID.
      virtualization: { hypervisorVendor: 'KVM', type: 'full' },
    });
  });

  it('lists the offline CPU with unknown core and socket and no caches', async () => {
    const t = await read();
    expect(t.perCpu[3]).toEqual({
      cpu: 3,
      core: null,
      socket: null,
      node: null,
      online: false,
      caches: [],
    });
    expect(t.perCpu[1]?.caches.find((c) => c.level === 'l2')?.sharedWith).toEqual([1]);
    expect(t.perCpu[2]?.core).toBe(0);
  });

  it('agrees with lscpu --sysroot run on the same tree', async () => {
    const t = await read();
    // lscpu --sysroot cannot ask CPUID, so it prints no hypervisor: compare the rest.
    expectAgreesWithLscpu(t, oracle('offline-vm', 'lscpu.txt'), false);
    expectAgreesWithLscpuExtended(t, oracle('offline-vm', 'lscpu-e.txt'));
  });
});

describe('readSysfsTopology on trees it cannot use', () => {
  const empty = mkdtempSync(join(os.tmpdir(), 'parascope-sysfs-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it('rejects a root without a CPU tree, naming the path', async () => {
    await expect(readSysfsTopology(empty, facts)).rejects.toThrow(
      /no readable CPU topology under .*parascope-sysfs-/,
    );
  });
});

const hasLscpu = (() => {
  try {
    execFileSync('lscpu', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

// sysfs exists only on Linux; elsewhere the service uses systeminformation (tested separately).
describe.skipIf(process.platform !== 'linux')('readSysfsTopology on the live machine', () => {
  // Skipped only where util-linux's lscpu is not installed: there is no oracle to compare with.
  it.skipIf(!hasLscpu)('agrees with lscpu run for real', async () => {
    const env = { ...process.env, LC_ALL: 'C' };
    const summary = execFileSync('lscpu', [], { encoding: 'utf8', env });
    const extended = execFileSync('lscpu', ['-e=CPU,NODE,SOCKET,CORE,CACHE,ONLINE'], {
      encoding: 'utf8',
      env,
    });
    const t = await readSysfsTopology();
    expectAgreesWithLscpu(t, summary, true);
    expectAgreesWithLscpuExtended(t, extended);
    expect(t.architecture).toBe(/^Architecture:\s*(\S+)/m.exec(summary)?.[1]);
  });

  it('reports counts from this process: online CPUs and usable CPUs as Node sees them', async () => {
    const t = await readSysfsTopology();
    expect(t.counts.logical).toBe(os.cpus().length);
    expect(t.counts.usable).toBe(os.availableParallelism());
    expect(t.counts.physical).toBeLessThanOrEqual(t.counts.logical);
    expect(t.perCpu.filter((p) => p.online)).toHaveLength(t.counts.logical);
  });
});
