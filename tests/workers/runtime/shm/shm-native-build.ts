/** Compiles the shm addon for a test run, with the script the build itself uses. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHM_NATIVE_NAME, type ShmNative } from '../../../../src/workers/runtime/shm/shm-native';

const root = join(import.meta.dirname, '..', '..', '..', '..');

/** A freshly built addon: its path, the addon loaded here, and a way to delete the build. */
export interface BuiltShm {
  file: string;
  shm: ShmNative;
  dispose(): void;
}

/** Builds the addon into a temporary directory; throws with the compiler's output if it fails. */
export function buildShmNative(): BuiltShm {
  const dir = mkdtempSync(join(tmpdir(), 'parascope-shm-'));
  const script = join(root, 'scripts', 'build-native.mjs');
  const built = spawnSync(process.execPath, [script, '--require', '--out', dir], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`the addon did not build:\n${built.stdout}${built.stderr}`);
  const file = join(dir, SHM_NATIVE_NAME);
  return {
    file,
    shm: createRequire(import.meta.url)(file) as ShmNative,
    // The loaded file stays mapped; removing its directory does not disturb it.
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
