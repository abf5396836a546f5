/**
 * Facts about the running process and OS that sysfs does not hold (architecture, versions,
 * affinity). Gathered in one place so tests reading a fixture tree can pin them.
 */
import os from 'node:os';

/** Live facts that both topology readers merge into their result. */
export interface HostFacts {
  /** Architecture as `uname -m` / lscpu names it ("x86_64", "aarch64"). */
  architecture: string;
  /** `os.type()`, e.g. "Linux"; the fallback OS name. */
  osType: string;
  /** `os.release()`, the kernel release. */
  kernel: string;
  node: string;
  electron: string | null;
  chromium: string | null;
  /** CPUs this process may run on (`os.availableParallelism()`, which honours affinity). */
  usable: number;
}

// Node's `os.arch()` names → `uname -m` names, for platforms without `os.machine()`.
const UNAME_ARCH: Record<string, string> = {
  x64: 'x86_64',
  arm64: 'aarch64',
  ia32: 'i686',
  arm: 'armv7l',
  loong64: 'loongarch64',
  riscv64: 'riscv64',
  s390x: 's390x',
  mips: 'mips',
  mipsel: 'mips',
};

/**
 * Maps Node's architecture name to lscpu's. `machine` (from `os.machine()`) wins when given,
 * since it is `uname -m` itself; little-endian ppc64 is "ppc64le" as in uname.
 */
export function lscpuArchitecture(
  nodeArch: string,
  machine?: string,
  endianness: 'BE' | 'LE' = 'LE',
): string {
  if (machine) return machine;
  if (nodeArch === 'ppc64') return endianness === 'LE' ? 'ppc64le' : 'ppc64';
  return UNAME_ARCH[nodeArch] ?? nodeArch;
}

/** Reads the facts of this process and machine. */
export function liveHostFacts(): HostFacts {
  // os.machine() exists from Node 18.9; older runtimes fall back to mapping os.arch().
  const machine = typeof os.machine === 'function' ? os.machine() : undefined;
  const versions = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  return {
    architecture: lscpuArchitecture(os.arch(), machine, os.endianness()),
    osType: os.type(),
    kernel: os.release(),
    node: versions.node,
    electron: versions.electron ?? null,
    chromium: versions.chrome ?? null,
    usable: os.availableParallelism(),
  };
}

/** Extracts PRETTY_NAME (or NAME + VERSION) from an os-release file's text; null if absent. */
export function osReleaseName(text: string | null): string | null {
  if (!text) return null;
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) fields.set(m[1] ?? '', (m[2] ?? '').replace(/^(["'])(.*)\1$/, '$2'));
  }
  const pretty = fields.get('PRETTY_NAME');
  if (pretty) return pretty;
  const name = fields.get('NAME');
  if (!name) return null;
  const version = fields.get('VERSION');
  return version ? `${name} ${version}` : name;
}
