import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { liveHostFacts, lscpuArchitecture, osReleaseName } from '../../../src/main/topology/host-facts';

describe('lscpuArchitecture', () => {
  it.each([
    ['x64', 'x86_64'],
    ['arm64', 'aarch64'],
    ['ia32', 'i686'],
    ['s390x', 's390x'],
    ['riscv64', 'riscv64'],
  ])('maps Node %s to %s', (nodeArch, expected) => {
    expect(lscpuArchitecture(nodeArch)).toBe(expected);
  });

  it('names little-endian ppc64 ppc64le, as uname does', () => {
    expect(lscpuArchitecture('ppc64', undefined, 'LE')).toBe('ppc64le');
    expect(lscpuArchitecture('ppc64', undefined, 'BE')).toBe('ppc64');
  });

  it('prefers the machine name from os.machine() when there is one', () => {
    expect(lscpuArchitecture('arm', 'armv6l')).toBe('armv6l');
  });
});

describe('osReleaseName', () => {
  it('takes PRETTY_NAME without quotes', () => {
    expect(osReleaseName('NAME="Debian GNU/Linux"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n')).toBe(
      'Debian GNU/Linux 12 (bookworm)',
    );
  });

  it('falls back to NAME and VERSION, and to null', () => {
    expect(osReleaseName("NAME='Alpine Linux'\nVERSION=3.20\n")).toBe('Alpine Linux 3.20');
    expect(osReleaseName('ID=x\n')).toBeNull();
    expect(osReleaseName(null)).toBeNull();
  });
});

describe('liveHostFacts', () => {
  it('describes this process: Node version, no Electron, affinity-aware usable CPUs', () => {
    const facts = liveHostFacts();
    expect(facts.node).toBe(process.versions.node);
    expect(facts.electron).toBeNull();
    expect(facts.chromium).toBeNull();
    expect(facts.usable).toBe(os.availableParallelism());
    expect(facts.kernel).toBe(os.release());
    expect(facts.architecture).toBe(os.machine());
  });
});
