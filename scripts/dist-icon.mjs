#!/usr/bin/env node
// Renders build/icon.svg to build/icon.png (512×512, transparent corners) with headless
// Chromium, the one renderer this machine has. The PNG is committed, so packaging never needs
// Chromium; run this only after editing the SVG:  node scripts/dist-icon.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const svg = join(root, 'build', 'icon.svg');
const png = join(root, 'build', 'icon.png');
const SIZE = 512;

const profile = mkdtempSync(join(tmpdir(), 'parascope-icon-'));
try {
  const r = spawnSync(
    CHROMIUM_PATH,
    [
      '--headless',
      ...CHROMIUM_FLAGS,
      `--user-data-dir=${profile}`,
      '--hide-scrollbars',
      // Keeps the corners outside the rounded square transparent.
      '--default-background-color=00000000',
      `--window-size=${SIZE},${SIZE}`,
      `--screenshot=${png}`,
      pathToFileURL(svg).href,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 },
  );
  if (r.status !== 0) {
    console.error(`dist-icon: ${CHROMIUM_PATH} failed (${r.error?.message ?? `status ${r.status}`})`);
    process.exit(1);
  }
} finally {
  rmSync(profile, { recursive: true, force: true });
}

// Check what was written: a 512×512 RGBA PNG whose top-left pixel is transparent.
const bytes = readFileSync(png);
const width = bytes.readUInt32BE(16);
const height = bytes.readUInt32BE(20);
const colorType = bytes[25];
const idat = [];
for (let at = 8; at < bytes.length;) {
  const length = bytes.readUInt32BE(at);
  if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
  at += 12 + length;
}
// First pixel of the first row: every PNG filter leaves it unchanged (no left or upper neighbour).
const cornerAlpha = inflateSync(Buffer.concat(idat))[1 + 3];
if (width !== SIZE || height !== SIZE || colorType !== 6 || cornerAlpha !== 0) {
  console.error(
    `dist-icon: unexpected output ${width}×${height}, colour type ${colorType}, corner alpha ${cornerAlpha}`,
  );
  process.exit(1);
}
console.log(`dist-icon: wrote ${png} (${SIZE}×${SIZE}, ${bytes.length} bytes)`);
