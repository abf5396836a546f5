import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCpuInfo } from '../../../src/main/topology/cpuinfo';

const thisMachine = readFileSync(
  new URL('../../fixtures/sys/this-machine/proc/cpuinfo', import.meta.url),
  'utf8',
);

// First block of an arm64 /proc/cpuinfo (Neoverse-N1, e.g. AWS Graviton2).
const arm64 = `processor\t: 0
BogoMIPS\t: 243.75
Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp ssbs
CPU implementer\t: 0x41
CPU architecture: 8
CPU variant\t: 0x3
CPU part\t: 0xd0c
CPU revision\t: 1

processor\t: 1
Features\t: something else
`;

describe('parseCpuInfo', () => {
  it('reads model, vendor and flags of an x86 machine, including the hypervisor flag', () => {
    const info = parseCpuInfo(thisMachine);
    expect(info.modelName).toBe('AMD EPYC');
    expect(info.vendor).toBe('AuthenticAMD');
    expect(info.flags[0]).toBe('fpu');
    expect(info.flags).toContain('avx2');
    expect(info.hypervisorFlag).toBe(true);
  });

  it('reports a clear hypervisor flag as false on x86', () => {
    const info = parseCpuInfo('processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu vme sse\n');
    expect(info.hypervisorFlag).toBe(false);
    expect(info.flags).toEqual(['fpu', 'vme', 'sse']);
  });

  it('uses the first block of an arm64 cpuinfo: Features as flags, implementer as vendor', () => {
    const info = parseCpuInfo(arm64);
    expect(info.vendor).toBe('ARM');
    expect(info.flags).toContain('asimd');
    expect(info.flags).not.toContain('something');
    // arm64 has no hypervisor flag, so its absence says nothing.
    expect(info.hypervisorFlag).toBeNull();
    expect(info.modelName).toBeNull();
  });

  it('returns nulls and no flags for empty text', () => {
    expect(parseCpuInfo('')).toEqual({ modelName: null, vendor: null, flags: [], hypervisorFlag: null });
  });
});
