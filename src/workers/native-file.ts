/**
 * Where a file built by scripts/build-native.mjs is, seen from the module that needs it. The
 * same search works from a checkout (src/…), the built tree (out/app/…, possibly a bundled
 * chunk at another depth) and a packaged app, whose native files are unpacked beside app.asar.
 */
import { accessSync, constants } from 'node:fs';
import { dirname, join, sep } from 'node:path';

const ASAR = `${sep}app.asar${sep}`;
const UNPACKED = `${sep}app.asar.unpacked${sep}`;

/**
 * The same path in `app.asar.unpacked` when it points into `app.asar`: native files cannot be
 * loaded or run from inside the archive, so electron-builder's `asarUnpack` puts them there.
 */
export function asarUnpacked(file: string): string {
  return file.replace(ASAR, UNPACKED);
}

/**
 * Walks up from `moduleFile`'s directory and returns the first `native/<name>` or
 * `out/native/<name>` (mapped out of `app.asar`) that is accessible with `mode` (default
 * readable), or null when there is none up to the filesystem root.
 */
export function findNativeFile(
  name: string,
  moduleFile: string,
  mode: number = constants.R_OK,
): string | null {
  for (let dir = dirname(moduleFile); ; dir = dirname(dir)) {
    for (const candidate of [join(dir, 'native', name), join(dir, 'out', 'native', name)]) {
      const file = asarUnpacked(candidate);
      try {
        accessSync(file, mode);
        return file;
      } catch {
        // Not here: the next candidate, then the level above.
      }
    }
    if (dirname(dir) === dir) return null;
  }
}
