#!/usr/bin/env node
// Compiles the native sampler helper (src/main/sampler/native/proc-stat-sampler.c) to
// out/native/parascope-sampler, where the host looks for it (src/main/sampler/native-sampler.ts).
// Linux only: elsewhere the host samples with os.cpus(). Without a C compiler the host falls
// back to its sampling thread, so this only warns, unless --require (CI) makes it an error.
//   node scripts/build-native.mjs [--require] [--out DIR]
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const required = args.includes('--require');
const outAt = args.indexOf('--out');
const outDir = outAt >= 0 ? resolve(args[outAt + 1] ?? '') : join(root, 'out', 'native');

if (process.platform !== 'linux') {
  console.log(
    `native sampler: not built on ${process.platform} (it reads /proc/stat; the host uses os.cpus())`,
  );
  process.exit(0);
}
const compiler = process.env.CC || 'cc';
const source = join(root, 'src', 'main', 'sampler', 'native', 'proc-stat-sampler.c');
const output = join(outDir, 'parascope-sampler');
mkdirSync(outDir, { recursive: true });
const flags = ['-std=c11', '-O2', '-Wall', '-Wextra', '-Werror', '-o', output, source];
const result = spawnSync(compiler, flags, { stdio: 'inherit' });
if (result.status === 0) {
  console.log(`native sampler: ${output}`);
} else {
  const why = result.error
    ? `${compiler}: ${result.error.message}`
    : `${compiler} exited with ${result.status}`;
  console[required ? 'error' : 'warn'](
    `native sampler: not built (${why}); the host will sample on a thread instead`,
  );
  process.exit(required ? 1 : 0);
}
