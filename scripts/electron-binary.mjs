// Finds the Electron executable without triggering a download. `require('electron')` would
// do the same lookup, but since Electron 42 it starts a download from the network when the
// binary is missing, which fails noisily on machines that cannot reach it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DEFAULT_NAMES = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
};

/**
 * Path of the Electron executable, or null when the electron package has no binary.
 * @param {string} electronDir the installed `electron` package's folder
 * @param {{ env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform }} [options]
 * @returns {string | null}
 */
export function findElectronBinary(electronDir, options = {}) {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const pathFile = join(electronDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const name = recorded || DEFAULT_NAMES[platform] || 'electron';
  // Same override the electron package honours: a local distribution, e.g. on a release machine.
  const candidate = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, name)
    : recorded
      ? join(electronDir, 'dist', recorded)
      : null;
  return candidate && existsSync(candidate) ? candidate : null;
}
