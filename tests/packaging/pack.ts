/**
 * Packs the app the way `npm run dist -- --dir` does (electron-builder.yml, `--dir`), against
 * a stand-in Electron distribution, into a temporary directory, and gives access to the
 * produced `app.asar`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractAll, extractFile, listPackage } from '@electron/asar';
import { makeElectronStandIn } from '../../scripts/dist-electron-stand-in.mjs';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What electron-vite emits and the packaged app loads; built first when any is missing. */
const BUILD_OUTPUTS = ['out/app/main/electron/main.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
/** The native sampler helper (scripts/build-native.mjs), packed unpacked beside app.asar. */
export const NATIVE_HELPER = 'out/native/parascope-sampler';
/** The shared-memory addon `npm run build` compiles beside it (scripts/build-native.mjs). */
export const NATIVE_SHM = 'out/native/parascope-shm.node';

/** A packed app: the unpacked output directory and its `app.asar`. */
export interface PackedApp {
  /** `<out>/linux-unpacked`, what an installer would ship. */
  appOutDir: string;
  /** `<appOutDir>/resources/app.asar`. */
  asarPath: string;
  /** Every entry of the asar (files and directories), '/'-separated, without a leading slash. */
  entries: ReadonlySet<string>;
  /** The asar's content extracted to disk, to run the packaged modules with plain Node. */
  extractedRoot: string;
  /** electron-builder's log, for failure messages. */
  log: string;
  /** Reads one file of the asar. */
  read(path: string): Buffer;
  /** Removes every temporary file. */
  dispose(): void;
}

/** Runs a command to its end; rejects with its output when it fails. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

/** Builds `out/` as `npm run build` does, unless every output the app loads is already there. */
export async function ensureBuilt(): Promise<void> {
  if (!BUILD_OUTPUTS.every((p) => existsSync(join(ROOT, p)))) {
    await run(join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build']);
  }
  if (![NATIVE_HELPER, NATIVE_SHM].every((p) => existsSync(join(ROOT, p)))) {
    await run(process.execPath, [join(ROOT, 'scripts', 'build-native.mjs'), '--require']);
  }
}

/** Packs the built app with `electron-builder --dir` against a fresh stand-in Electron. */
export async function packApp(): Promise<PackedApp> {
  const tmp = mkdtempSync(join(tmpdir(), 'parascope-pack-'));
  try {
    const electronDist = makeElectronStandIn(join(tmp, 'electron'));
    const output = join(tmp, 'dist');
    const log = await run(join(ROOT, 'node_modules', '.bin', 'electron-builder'), [
      '--linux',
      '--x64',
      '--dir',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${output}`,
    ]);
    const appOutDir = join(output, 'linux-unpacked');
    const asarPath = join(appOutDir, 'resources', 'app.asar');
    const entries = new Set(
      listPackage(asarPath, { isPack: false }).map((p) => p.split(sep).join('/').replace(/^\//, '')),
    );
    const extractedRoot = join(tmp, 'extracted');
    extractAll(asarPath, extractedRoot);
    return {
      appOutDir,
      asarPath,
      entries,
      extractedRoot,
      log,
      read: (path) => extractFile(asarPath, path),
      dispose: () => rmSync(tmp, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}
