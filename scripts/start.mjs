#!/usr/bin/env node
// `npm start`: builds the app and opens the Electron window; where the Electron binary is
// absent (it cannot be downloaded on air-gapped machines), says so in one line and starts the
// browser shell instead, printing its URL and opening it where a browser is installed.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const build = spawnSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) {
  console.error('parascope: the build failed (see above)');
  process.exit(1);
}
// The native sampler helper; without a C compiler the app samples on a thread (a warning says so).
spawnSync(process.execPath, [join(root, 'scripts', 'build-native.mjs')], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});

const electron = findElectronBinary(join(root, 'node_modules', 'electron'));
const args = electron
  ? [electron, ['.']]
  : [process.execPath, [join(root, 'bin', 'parascope.mjs'), 'serve', '--open', ...process.argv.slice(2)]];
if (!electron) {
  console.log(
    'parascope: the Electron binary is not installed here (it could not be downloaded), so starting the browser shell instead',
  );
}
const child = spawn(args[0], args[1], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
