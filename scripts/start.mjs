#!/usr/bin/env node
// `npm start`: builds the app and opens the Electron window; where the Electron binary is
// absent (it cannot be downloaded on air-gapped machines), says so in one line and starts the
// browser shell instead, printing its URL and opening it where a browser is installed.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Path of the Electron executable, or null when the package has no binary. */
function electronBinary() {
  try {
    // The electron package exports the executable's path, and throws when it was installed
    // without its binary (ELECTRON_SKIP_BINARY_DOWNLOAD or a failed download).
    return require('electron');
  } catch {
    return null;
  }
}

const build = spawnSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) {
  console.error('parascope: the build failed (see above)');
  process.exit(1);
}

const electron = electronBinary();
const args = electron
  ? [electron, ['.']]
  : [process.execPath, [join(root, 'bin', 'parascope.mjs'), 'serve', '--open', ...process.argv.slice(2)]];
if (!electron) {
  console.log('parascope: the Electron binary is not installed here, so starting the browser shell instead');
}
const child = spawn(args[0], args[1], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
