#!/usr/bin/env node
// Compiles the native parts into out/native/ (or --out DIR), Linux only:
// - parascope-sampler: the per-core sampler's helper program (src/main/sampler/native/
//   proc-stat-sampler.c), found by src/main/sampler/native-sampler.ts. Without it the host
//   samples on a thread (elsewhere: os.cpus()).
// - parascope-shm.node: the shared-memory addon (src/workers/runtime/shm/native/shm.c, Node-API,
//   headers from the node-api-headers devDependency), loaded by src/workers/runtime/shm/
//   shm-native.ts. Without it locks and values across processes go through their owner over IPC.
// Without a C compiler this only warns, unless --require (CI) makes it an error.
//   node scripts/build-native.mjs [--require] [--out DIR]
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const required = args.includes('--require');
const outAt = args.indexOf('--out');
const outDir = outAt >= 0 ? resolve(args[outAt + 1] ?? '') : join(root, 'out', 'native');

if (process.platform !== 'linux') {
  console.log(
    `native sampler, shm addon: not built on ${process.platform} (Linux only; the host uses os.cpus(), locks use IPC)`,
  );
  process.exit(0);
}
const compiler = process.env.CC || 'cc';
mkdirSync(outDir, { recursive: true });

/** Compiles one output; returns whether it worked (it warns, or errs under --require, if not). */
function compile(label, output, flags, fallback) {
  const result = spawnSync(compiler, [...flags, '-o', output], { stdio: 'inherit' });
  if (result.status === 0) {
    console.log(`${label}: ${output}`);
    return true;
  }
  const why = result.error
    ? `${compiler}: ${result.error.message}`
    : `${compiler} exited with ${result.status}`;
  console[required ? 'error' : 'warn'](`${label}: not built (${why}); ${fallback}`);
  return false;
}

const sampler = compile(
  'native sampler',
  join(outDir, 'parascope-sampler'),
  [
    '-std=c11',
    '-O2',
    '-Wall',
    '-Wextra',
    '-Werror',
    join(root, 'src', 'main', 'sampler', 'native', 'proc-stat-sampler.c'),
  ],
  'the host will sample on a thread instead',
);

let headers = null;
try {
  const manifest = createRequire(import.meta.url).resolve('node-api-headers/package.json');
  headers = join(dirname(manifest), 'include');
} catch {
  console[required ? 'error' : 'warn'](
    'shm addon: not built (node-api-headers is not installed: npm install); locks and values across processes will use IPC',
  );
}
const shm =
  headers !== null &&
  compile(
    'shm addon',
    join(outDir, 'parascope-shm.node'),
    [
      '-std=gnu11',
      '-O2',
      '-Wall',
      '-Wextra',
      '-Werror',
      '-fPIC',
      '-shared',
      `-I${headers}`,
      join(root, 'src', 'workers', 'runtime', 'shm', 'native', 'shm.c'),
      '-lpthread',
      '-lm',
    ],
    'locks and values across processes will use IPC',
  );
if (required && !(sampler && shm)) process.exit(1);
