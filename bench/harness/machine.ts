/** Facts about the machine a run happens on, stored with the results. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { pythonCommand } from './probe';
import type { MachineInfo } from './types';

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) return `${pretty} (${os.type()} ${os.release()}, ${os.arch()})`;
  } catch {
    // Not Linux, or no os-release: the kernel's name is enough.
  }
  return `${os.type()} ${os.release()} (${os.arch()})`;
}

function pythonVersion(): string {
  const result = spawnSync(pythonCommand(), ['--version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return `unavailable (${pythonCommand()})`;
  return (result.stdout || result.stderr).trim();
}

/** Describes this machine; `loadAverage.end` is filled in when the run ends. */
export function describeMachine(startedAt: Date): MachineInfo {
  const load = os.loadavg()[0] ?? 0;
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    os: osName(),
    node: process.version,
    python: pythonVersion(),
    date: startedAt.toISOString(),
    loadAverage: { start: load, end: load },
  };
}
