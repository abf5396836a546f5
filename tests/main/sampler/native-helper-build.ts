/** Compiles the native sampler helper for a test run, with the script the build itself uses. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { NATIVE_SAMPLER_NAME } from '../../../src/main/sampler/native-sampler';

const root = join(import.meta.dirname, '..', '..', '..');

/** Builds the helper into `dir` and returns its path; throws with the compiler's output if it fails. */
export function buildNativeHelper(dir: string): string {
  const script = join(root, 'scripts', 'build-native.mjs');
  const built = spawnSync(process.execPath, [script, '--require', '--out', dir], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`the helper did not build:\n${built.stdout}${built.stderr}`);
  return join(dir, NATIVE_SAMPLER_NAME);
}
