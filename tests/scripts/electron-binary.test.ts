import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';

describe('findElectronBinary (how npm start decides between the window and the browser shell)', () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'parascope-electron-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('finds nothing in a package installed without its binary, and never downloads', () => {
    const pkg = tempDir();
    expect(findElectronBinary(pkg, { env: {}, platform: 'linux' })).toBeNull();
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    expect(findElectronBinary(pkg, { env: {}, platform: 'linux' })).toBeNull();
  });

  it('finds the executable that path.txt names under dist/', () => {
    const pkg = tempDir();
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    mkdirSync(join(pkg, 'dist'));
    writeFileSync(join(pkg, 'dist', 'electron'), '');
    expect(findElectronBinary(pkg, { env: {}, platform: 'linux' })).toBe(join(pkg, 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH with the platform default name', () => {
    const pkg = tempDir();
    const dist = tempDir();
    writeFileSync(join(dist, 'electron.exe'), '');
    const env = { ELECTRON_OVERRIDE_DIST_PATH: dist };
    expect(findElectronBinary(pkg, { env, platform: 'win32' })).toBe(join(dist, 'electron.exe'));
    expect(findElectronBinary(pkg, { env, platform: 'linux' })).toBeNull();
  });
});
