/**
 * Finding and loading the shm addon (src/workers/runtime/shm/shm-native.ts and
 * src/workers/native-file.ts): the switch, the reasons given when there is no addon, and the
 * packaged app's unpacked copy beside app.asar.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { asarUnpacked, findNativeFile } from '../../../../src/workers/native-file';
import { buildShmNative } from './shm-native-build';

const dir = mkdtempSync(join(tmpdir(), 'parascope-shm-loader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

/** A fresh copy of the loader module, so its per-thread cache starts empty. */
async function freshLoader(): Promise<typeof import('../../../../src/workers/runtime/shm/shm-native')> {
  vi.resetModules();
  return import('../../../../src/workers/runtime/shm/shm-native');
}

describe('loadShmNative', () => {
  it('gives null and says so when PARASCOPE_SHM=off', async () => {
    vi.stubEnv('PARASCOPE_SHM', 'off');
    const loader = await freshLoader();
    expect(loader.loadShmNative()).toBeNull();
    expect(loader.shmUnavailableReason()).toBe('PARASCOPE_SHM=off');
  });

  it.runIf(process.platform === 'linux')(
    'gives null, naming the file, when the chosen file is missing',
    async () => {
      const missing = join(dir, 'no-such-addon.node');
      vi.stubEnv('PARASCOPE_SHM', missing);
      const loader = await freshLoader();
      expect(loader.loadShmNative()).toBeNull();
      expect(loader.shmUnavailableReason()).toContain(`cannot load ${missing}`);
    },
  );

  it.runIf(process.platform === 'linux')('gives null, naming the file, when it is not an addon', async () => {
    const impostor = join(dir, 'impostor.node');
    writeFileSync(impostor, 'not an ELF file');
    vi.stubEnv('PARASCOPE_SHM', impostor);
    const loader = await freshLoader();
    expect(loader.loadShmNative()).toBeNull();
    expect(loader.shmUnavailableReason()).toMatch(new RegExp(`^cannot load ${impostor}: .+`));
  });

  it.runIf(process.platform === 'linux')(
    'searches as usual for PARASCOPE_SHM=calls (not a path)',
    async () => {
      vi.stubEnv('PARASCOPE_SHM', 'calls');
      const loader = await freshLoader();
      loader.loadShmNative();
      expect(loader.shmUnavailableReason() ?? '').not.toContain('calls');
    },
  );

  it.runIf(process.platform === 'linux')('loads the file PARASCOPE_SHM names, once per thread', async () => {
    const built = buildShmNative();
    try {
      vi.stubEnv('PARASCOPE_SHM', built.file);
      const loader = await freshLoader();
      const shm = loader.loadShmNative();
      expect(loader.shmUnavailableReason()).toBeNull();
      expect(loader.loadShmNative()).toBe(shm);
      const { seg } = shm!.create(64);
      shm!.store(seg, 0, 3);
      expect(shm!.load(seg, 0)).toBe(3);
    } finally {
      built.dispose();
    }
  });
});

describe('findNativeFile', () => {
  const make = (file: string): string => {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, '');
    return file;
  };

  it('finds out/native/<name> above a checkout module and native/<name> above a built one', () => {
    const checkout = join(dir, 'checkout');
    const addon = make(join(checkout, 'out', 'native', 'parascope-shm.node'));
    expect(
      findNativeFile('parascope-shm.node', join(checkout, 'src/workers/runtime/shm/shm-native.ts')),
    ).toBe(addon);
    // Built: out/app/workers/runtime/shm/…, or a bundled chunk at another depth.
    expect(
      findNativeFile('parascope-shm.node', join(checkout, 'out/app/workers/runtime/shm/shm-native.js')),
    ).toBe(addon);
    expect(findNativeFile('parascope-shm.node', join(checkout, 'out/app/chunks/shm-native-x1.js'))).toBe(
      addon,
    );
    expect(findNativeFile('parascope-other.node', join(checkout, 'out/app/chunks/x.js'))).toBeNull();
  });

  it('takes the copy in app.asar.unpacked for a module inside app.asar', () => {
    const resources = join(dir, 'installed', 'resources');
    const unpacked = make(join(resources, 'app.asar.unpacked', 'out', 'native', 'parascope-shm.node'));
    const moduleInAsar = join(resources, 'app.asar', 'out/app/workers/runtime/shm/shm-native.js');
    expect(findNativeFile('parascope-shm.node', moduleInAsar)).toBe(unpacked);
    expect(asarUnpacked(join(resources, 'app.asar', 'out', 'native', 'x'))).toBe(
      join(resources, 'app.asar.unpacked', 'out', 'native', 'x'),
    );
    // A folder merely named like it is left alone.
    expect(asarUnpacked('/home/me/app.asar.d/x')).toBe('/home/me/app.asar.d/x');
  });
});
