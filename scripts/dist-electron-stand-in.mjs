#!/usr/bin/env node
// Makes a stand-in for an unpacked Linux Electron distribution, for `electron-builder --dir`
// where the real Electron zip cannot be downloaded. It is shaped like
// `electron-v<version>-linux-x64.zip` unpacked (the files electron-builder copies, renames or
// reads), and its "binary" is a shell stub that carries Electron's fuse wire, so the
// configured fuses are really flipped and can be read back. It packages; it never runs the app.
//
//   node scripts/dist-electron-stand-in.mjs <dir>   # then: npm run dist -- --dir -c.electronDist=<dir>
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @electron/fuses looks for this marker, then reads a version byte, a length byte and one byte per fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_WIRE_VERSION = 1;

/**
 * Electron's default fuse states ('1' on, '0' off), in wire order: runAsNode, cookie encryption,
 * NODE_OPTIONS, --inspect, embedded asar integrity, only-load-app-from-asar, browser-specific
 * V8 snapshot, file:// extra privileges, Wasm trap handlers (a 9th fuse current Electron has and
 * @electron/fuses 1.8 has no name for).
 */
export const DEFAULT_FUSE_WIRE = '101100011';

/** The version of the `electron` devDependency, which electron-builder packages against. */
export function electronVersion() {
  const pkg = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'));
  return pkg.version;
}

/**
 * Writes the stand-in into `dir` (created if missing) and returns its absolute path.
 * @param {string} dir
 * @param {{ version?: string }} [options]
 */
export function makeElectronStandIn(dir, options = {}) {
  const version = options.version ?? electronVersion();
  const out = resolve(dir);
  const file = (path, content, mode = 0o644) => {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), content);
    chmodSync(join(out, path), mode);
  };
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([FUSE_WIRE_VERSION, DEFAULT_FUSE_WIRE.length]),
    Buffer.from(DEFAULT_FUSE_WIRE, 'latin1'),
  ]);
  // The shell exits before the last line, so the raw fuse bytes there are never parsed.
  const stub = Buffer.concat([
    Buffer.from(
      '#!/bin/sh\n' +
        `echo "Electron ${version} stand-in: made for packaging tests, it cannot run an app" >&2\n` +
        'exit 1\n# fuse wire: ',
    ),
    wire,
    Buffer.from('\n'),
  ]);
  file('electron', stub, 0o755);
  // Helpers electron-builder keeps next to the binary (it sets chrome-sandbox's setuid bit in
  // deb/rpm after-install scripts); stubs are enough to package.
  for (const helper of ['chrome-sandbox', 'chrome_crashpad_handler']) {
    file(helper, '#!/bin/sh\nexit 1\n', 0o755);
  }
  file('version', version);
  file('LICENSE', `Stand-in for Electron ${version}'s LICENSE (MIT).\n`);
  file('LICENSES.chromium.html', '<!doctype html><title>Stand-in for Chromium licenses</title>\n');
  mkdirSync(join(out, 'resources'), { recursive: true });
  file('locales/en-US.pak', '');
  for (const data of ['resources.pak', 'chrome_100_percent.pak', 'icudtl.dat', 'v8_context_snapshot.bin']) {
    file(data, '');
  }
  for (const lib of ['libEGL.so', 'libGLESv2.so', 'libffmpeg.so', 'libvulkan.so.1']) file(lib, '');
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/dist-electron-stand-in.mjs <dir>');
    process.exit(2);
  }
  console.log(makeElectronStandIn(dir));
}
