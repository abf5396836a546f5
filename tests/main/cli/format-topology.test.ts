import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatTopology } from '../../../src/main/cli/format-topology';
import { fixedFacts } from '../topology/fixed-facts';
import { readSysfsTopology } from '../../../src/main/topology/sysfs-topology';
import type { Topology } from '../../../src/shared/topology';

const fixtures = fileURLToPath(new URL('../../fixtures/sys/', import.meta.url));
const facts = fixedFacts(1);

const cache = (level: 'l1d' | 'l1i' | 'l2' | 'l3', bytes: number, sharedWith: number[]) => ({
  level,
  bytes,
  sharedWith,
});

const topology: Topology = {
  architecture: 'x86_64',
  modelName: 'Test CPU',
  vendor: 'GenuineTest',
  cpus: 4,
  onlineCpus: '0-2',
  sockets: 1,
  coresPerSocket: 2,
  threadsPerCore: 2,
  numaNodes: [{ id: 0, cpus: [0, 1, 2, 3] }],
  caches: {
    l1d: { bytes: 65536, instances: 2 },
    l1i: { bytes: 65536, instances: 2 },
    l2: { bytes: 2 * 1024 * 1024, instances: 2 },
    l3: null,
  },
  flags: ['fpu', 'sse2'],
  virtualization: { hypervisorVendor: 'KVM', type: 'full' },
  versions: { os: 'Debian 12', kernel: '6.1.0', node: '20.20.2', electron: null, chromium: null },
  counts: { logical: 4, physical: 2, usable: 4 },
  perCpu: [0, 1, 2, 3].map((cpu) => {
    const core = cpu >> 1;
    const siblings = [core * 2, core * 2 + 1];
    // CPU 3 is offline: sysfs has no topology or caches for it.
    if (cpu === 3) return { cpu, core: null, socket: null, node: null, online: false, caches: [] };
    return {
      cpu,
      core,
      socket: 0,
      node: 0,
      online: true,
      caches: [cache('l1d', 32768, siblings), cache('l1i', 32768, siblings), cache('l2', 1048576, siblings)],
    };
  }),
  source: 'sysfs',
};

describe('formatBytes', () => {
  it('uses binary units like lscpu', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(65536)).toBe('64 KiB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MiB');
    expect(formatBytes(32 * 1024 ** 3)).toBe('32 GiB');
  });
});

describe('formatTopology', () => {
  const text = formatTopology(topology);
  const lines = text.trimEnd().split('\n');

  it('prints aligned lscpu-style key: value lines, leaving out unknowns', () => {
    expect(lines[0]).toMatch(/^Architecture: +x86_64$/);
    const valueColumn = lines[0]!.indexOf('x86_64');
    expect(lines[1]!.indexOf('4')).toBe(valueColumn);
    expect(text).toMatch(/^L1d cache: +64 KiB \(2 instances\)$/m);
    expect(text).toMatch(/^L2 cache: +2 MiB \(2 instances\)$/m);
    expect(text).toMatch(/^NUMA node0 CPU\(s\): +0-3$/m);
    expect(text).toMatch(/^Hypervisor vendor: +KVM$/m);
    expect(text).not.toMatch(/^L3 cache:/m);
    expect(text).not.toMatch(/^Electron:/m);
  });

  it('ends with a per-CPU table where CPUs sharing a cache share its number', () => {
    const header = lines.findIndex((l) => l.startsWith('CPU NODE SOCKET CORE L1d:L1i:L2:L3 ONLINE'));
    expect(header).toBeGreaterThan(0);
    expect(lines.slice(header + 1)).toEqual([
      '  0    0      0    0 0:0:0:-          yes',
      '  1    0      0    0 0:0:0:-          yes',
      '  2    0      0    1 1:1:1:-          yes',
      '  3    -      -    - -                 no',
    ]);
  });

  it.each(['offline-vm', 'xeon-2s', 'this-machine'])(
    'prints the per-CPU table of the %s fixture exactly as lscpu -e does',
    async (name) => {
      const t = await readSysfsTopology(join(fixtures, name), facts);
      const ours = formatTopology(t).trimEnd().split('\n');
      const expected = readFileSync(join(fixtures, name, 'lscpu-e.txt'), 'utf8')
        .trimEnd()
        .split('\n');
      expect(ours.slice(-expected.length)).toEqual(expected);
    },
  );
});
