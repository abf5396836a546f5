/**
 * Packs the app with `electron-builder --dir` (the repository's electron-builder.yml) against a
 * stand-in Electron distribution, then checks the produced app.asar: every file the app
 * loads at run time is packed at the path the code asks for, the production node_modules hold
 * exactly what the main side imports, and the fuses are flipped as docs/PACKAGING.md says.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPaths, rendererSource } from '../../src/main/electron/renderer-location';
import { listScenarios } from '../../src/scenarios/catalog';
import {
  importSpecifiers,
  isProvidedByRuntime,
  isRelative,
  packageClosure,
  packageName,
  packedPackages,
  resolveRelative,
} from './module-graph';
import { findNativeSampler } from '../../src/main/sampler/native-sampler';
import { findNativeFile } from '../../src/workers/native-file';
import { SHM_NATIVE_NAME } from '../../src/workers/runtime/shm/shm-native';
import { ensureBuilt, NATIVE_HELPER, NATIVE_SHM, packApp, ROOT, type PackedApp } from './pack';

interface Manifest {
  main: string;
  type?: string;
  devDependencies?: Record<string, string>;
}

interface ProbeReport {
  imported: string[];
  importErrors: { path: string; error: string }[];
  scenarioModules: { id: string; path: string }[];
  workerEntry: { path: string; execArgv: string[] } | null;
  session: { summary?: { ok: boolean; result: unknown }; states?: string[]; error?: string } | null;
}

/** Scripts that start working as soon as they are loaded: only ever forked, never imported. */
/**
 * Entry files of forked processes and threads: importing one starts its work (and a thread entry
 * refuses to load on a main thread), so the probe checks they are packed but does not import them.
 */
const FORKED_ENTRIES = [
  'out/app/workers/session-process.js',
  'out/app/workers/runtime/pool-worker.js',
  'out/app/workers/runtime/pool-thread-worker.js',
  'out/app/workers/runtime/process-child.js',
  'out/app/workers/runtime/process-thread-child.js',
];

const repoManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

let app: PackedApp;
/** Specifiers imported by every built JS module in the asar, by module. */
let imports: Map<string, string[]>;
/** Built main-side modules the probe imports: all but Electron's and the forked entries. */
let probed: string[];
let probe: ProbeReport;

/** An absolute path inside the asar (as Electron reports it) or the extraction, as an asar entry. */
const entryOf = (base: string, path: string): string => relative(base, path).split(sep).join('/');

/** Built modules that load Electron's own module, directly or through another module. */
function electronDependent(graph: Map<string, string[]>): Set<string> {
  const dependent = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const [file, specifiers] of graph) {
      if (dependent.has(file)) continue;
      const needsElectron = specifiers.some((s) =>
        isRelative(s)
          ? dependent.has(resolveRelative(file, s))
          : s === 'electron' || s.startsWith('electron/'),
      );
      if (needsElectron) {
        dependent.add(file);
        changed = true;
      }
    }
  }
  return dependent;
}

/** Runs the probe with plain Node over the extracted asar and parses its report. */
function runProbe(modules: string[]): Promise<ProbeReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'tests', 'packaging', 'probe-packaged-app.mjs'), app.extractedRoot, ...modules],
      // cwd outside the repository, so nothing can be found there by accident.
      { cwd: app.extractedRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      try {
        resolve(JSON.parse(out) as ProbeReport);
      } catch {
        reject(new Error(`the probe exited with ${code} and printed: ${out}`));
      }
    });
  });
}

beforeAll(async () => {
  await ensureBuilt();
  app = await packApp();
  imports = new Map(
    [...app.entries]
      .filter((e) => /^out\/.*\.(?:js|cjs|mjs)$/.test(e))
      .map((e) => [e, importSpecifiers(app.read(e).toString('utf8'))]),
  );
  const appModules = [...imports.keys()].filter((e) => e.startsWith('out/app/'));
  const needElectron = electronDependent(imports);
  probed = appModules.filter((m) => !needElectron.has(m) && !FORKED_ENTRIES.includes(m));
  probe = await runProbe(probed);
}, 180_000);

afterAll(() => app?.dispose());

describe('the packaged app (electron-builder --dir, stand-in Electron)', () => {
  it('packs package.json naming the main entry, which is packed and loads as an ES module', () => {
    const manifest = JSON.parse(app.read('package.json').toString('utf8')) as Manifest;
    expect(manifest.main).toBe(repoManifest.main);
    expect(app.entries).toContain(manifest.main);
    // out/app is ESM in .js files: without "type": "module" Electron would load it as CommonJS.
    expect(manifest.type).toBe('module');
  });

  it('packs the preload and the renderer where renderer-location finds them from the main entry', () => {
    // What `import.meta.url` of the main module is inside an installed app.
    const mainUrl = pathToFileURL(join(app.asarPath, repoManifest.main)).href;
    const paths = appPaths(mainUrl);
    expect(app.entries).toContain(entryOf(app.asarPath, paths.preload));
    expect(app.entries).toContain(entryOf(app.asarPath, paths.rendererIndex));

    // The window loads the source's URL; the app protocol serves its path from `dir`.
    const source = rendererSource({ paths, isPackaged: true });
    if (source.kind === 'dev') throw new Error('a packaged app must never load the dev server');
    const indexUrl = new URL(source.url);
    const index = entryOf(app.asarPath, join(source.dir, decodeURIComponent(indexUrl.pathname)));
    expect(app.entries).toContain(index);
    const html = app.read(index).toString('utf8');
    const assets = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const { pathname } = new URL(asset, indexUrl);
      expect(app.entries, asset).toContain(
        entryOf(app.asarPath, join(source.dir, decodeURIComponent(pathname))),
      );
    }
  });

  it('packs every module that a packed module imports by path', () => {
    expect([...imports.keys()]).toContain(repoManifest.main);
    for (const [file, specifiers] of imports) {
      for (const specifier of specifiers.filter(isRelative)) {
        expect(app.entries, `${file} imports ${specifier}`).toContain(resolveRelative(file, specifier));
      }
    }
  });

  it('packs the session process, the pool worker and every scenario where the code resolves them', () => {
    // The session runner's default: workers/session-process next to its tree, same extension.
    const runner = 'out/app/main/session/session-runner.js';
    expect(app.entries).toContain(runner);
    expect(app.entries).toContain(
      posix.join(posix.dirname(runner), '..', '..', 'workers', 'session-process.js'),
    );

    // Computed by the packaged modules themselves, from where they sit in the package.
    expect(probe.workerEntry).not.toBeNull();
    expect(app.entries).toContain(entryOf(app.extractedRoot, probe.workerEntry?.path ?? ''));
    expect(probe.workerEntry?.execArgv).toEqual([]);
    expect(probe.scenarioModules.map((s) => s.id)).toEqual(listScenarios().map((s) => s.id));
    for (const scenario of probe.scenarioModules) {
      expect(app.entries, scenario.id).toContain(entryOf(app.extractedRoot, scenario.path));
    }
  });

  it('runs a pool-map session from the packaged files alone (session process, pool, workers)', () => {
    expect(probe.session?.error).toBeUndefined();
    expect(probe.session?.summary).toMatchObject({ ok: true, result: [1, 4, 9, 16, 25, 36, 49, 64] });
    expect(probe.session?.states).toEqual(['running', 'finished']);
  });

  it('loads every main-side module outside Electron from the package, its dependencies included', () => {
    expect(probe.importErrors).toEqual([]);
    expect(probe.imported).toEqual(probed);
    // So the packed packages themselves loaded from the asar, not just their package.json.
    const loadedPackages = probed.flatMap((m) =>
      (imports.get(m) ?? []).filter((s) => !isRelative(s) && !isProvidedByRuntime(s)).map(packageName),
    );
    expect(loadedPackages).toEqual(expect.arrayContaining(['zod', 'systeminformation']));
  });

  it('ships exactly the production packages the built code imports, and no devDependency', () => {
    const roots = [...imports]
      .flatMap(([file, specifiers]) => specifiers.map((s) => ({ file, s })))
      .filter(({ s }) => !isRelative(s) && !isProvidedByRuntime(s))
      .map(({ file, s }) => ({ fromDir: posix.dirname(file), name: packageName(s) }));
    // The main side's known imports: if these vanished, the scan itself would be broken.
    expect(roots.map((r) => r.name)).toEqual(expect.arrayContaining(['zod', 'systeminformation']));

    const closure = packageClosure(app.entries, (p) => JSON.parse(app.read(p).toString('utf8')), roots);
    expect(
      closure.missing,
      'imported but not packed: add to the files filter in electron-builder.yml',
    ).toEqual([]);
    expect([...packedPackages(app.entries)].sort(), 'packed but never imported').toEqual(
      [...closure.found].sort(),
    );
    for (const dev of Object.keys(repoManifest.devDependencies ?? {})) {
      expect(app.entries, dev).not.toContain(`node_modules/${dev}/package.json`);
    }
  });

  it('keeps everything inside app.asar but the native files, which the app finds and runs', () => {
    const resources = join(app.appOutDir, 'resources');
    expect(readdirSync(resources).sort()).toEqual(['app.asar', 'app.asar.unpacked']);
    const unpacked = join(resources, 'app.asar.unpacked');
    expect(readdirSync(unpacked, { recursive: true }).map(String).sort()).toEqual(
      ['out', 'out/native', NATIVE_HELPER, NATIVE_SHM].sort(),
    );
    // The sampler module, as Electron loads it from the archive, finds the unpacked copy.
    const moduleInAsar = join(resources, 'app.asar', 'out', 'app', 'main', 'sampler', 'native-sampler.js');
    const helper = findNativeSampler({}, moduleInAsar);
    expect(helper).toBe(join(unpacked, NATIVE_HELPER));
    // And it runs: its first sample is written at once.
    const first = spawnSync(helper!, ['/proc/stat', '10', '0'], { input: '', encoding: 'latin1' });
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^S \d+\.\d+ 10 \d+ \d+\ncpu /);
  });

  it('unpacks the shm addon where its loader looks from inside app.asar, and it loads there', () => {
    const resources = join(app.appOutDir, 'resources');
    const moduleInAsar = join(resources, 'app.asar', 'out/app/workers/runtime/shm/shm-native.js');
    const addon = findNativeFile(SHM_NATIVE_NAME, moduleInAsar);
    expect(addon).toBe(join(resources, 'app.asar.unpacked', NATIVE_SHM));
    // Node-API: plain Node (as Electron's would) requires it and maps a segment.
    const script =
      'const shm = require(process.argv[1]); const { seg } = shm.create(64); ' +
      'shm.store(seg, 0, 7); process.stdout.write(String(shm.load(seg, 0)));';
    const loaded = spawnSync(process.execPath, ['-e', script, addon!], { cwd: resources, encoding: 'utf8' });
    expect(loaded.stderr).toBe('');
    expect(loaded.stdout).toBe('7');
  });

  it('flips the fuses of the shipped binary as docs/PACKAGING.md says', async () => {
    const wire = await getCurrentFuseWire(join(app.appOutDir, 'parascope'));
    const state = (fuse: FuseV1Options): string => String.fromCharCode(wire[fuse] ?? 0);
    expect(state(FuseV1Options.RunAsNode)).toBe('1'); // fork() needs it until utilityProcess
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe('1');
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1');
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe('0');
  });
});
