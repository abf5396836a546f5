/**
 * Builds what the probes run, the way the app ships it: plain ES modules produced by Vite
 * (rolldown, as `electron-vite build` does), one file per source module, in the source tree's
 * layout. Probes then run under plain Node, with no TypeScript loader in any measured process:
 * tsx's loader costs nothing per task but holds a large start-up heap, whose clean-up by V8's
 * memory reducer burns 60-130 ms of CPU some 6-12 s after start-up (measured on an idle
 * process; see docs/BENCHMARKS.md), more than the whole budget of `sampler-cost`.
 *
 * Keeping the layout matters: the runtime finds `pool-worker` next to its own module, the
 * session runner finds `session-process`, and probes find task modules, all by relative path
 * with their own file extension, so the same code works from source and from this build.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { BENCH_DIR } from './probe';

/** The repository root. */
export const REPO_ROOT = resolve(BENCH_DIR, '..');

/**
 * Source modules that something loads by path at run time (so each must be an entry): worker
 * and child entries of both backends, and the session process. Those not written yet are
 * skipped.
 */
const FIXED_ENTRIES = [
  'src/workers/runtime/pool-worker.ts',
  'src/workers/runtime/pool-thread-worker.ts',
  'src/workers/runtime/process-child.ts',
  'src/workers/runtime/process-thread-child.ts',
  'src/workers/session-process.ts',
];
/** Folders of `bench/` whose every module is an entry: probes, task modules, workloads. */
const ENTRY_FOLDERS = ['bench/probes', 'bench/tasks', 'bench/workloads'];

/** A finished build; `dispose` removes it. */
export interface ProbeBuild {
  /** Root of the build, laid out like the repository (`<dir>/bench/probes/x.js`, `<dir>/src/...`). */
  dir: string;
  dispose(): Promise<void>;
}

async function entries(): Promise<Record<string, string>> {
  const input: Record<string, string> = {};
  for (const file of FIXED_ENTRIES) {
    if (existsSync(join(REPO_ROOT, file))) input[file.slice(0, -3)] = join(REPO_ROOT, file);
  }
  for (const folder of ENTRY_FOLDERS) {
    for (const name of await readdir(join(REPO_ROOT, folder))) {
      if (name.endsWith('.ts')) input[`${folder}/${name.slice(0, -3)}`] = join(REPO_ROOT, folder, name);
    }
  }
  return input;
}

/**
 * Builds every probe into a fresh directory under `node_modules/.cache` (inside the
 * repository, so the built modules resolve `ws`, `systeminformation`, … from its node_modules;
 * one directory per run, so concurrent runs never overwrite each other).
 */
export async function buildProbes(): Promise<ProbeBuild> {
  const cache = join(REPO_ROOT, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(join(cache, 'parascope-bench-'));
  try {
    await build({
      configFile: false,
      root: REPO_ROOT,
      logLevel: 'warn',
      build: {
        // SSR: Node built-ins and node_modules stay imports; only our sources are transformed.
        ssr: true,
        outDir: dir,
        emptyOutDir: false,
        target: 'node20',
        minify: false,
        copyPublicDir: false,
        reportCompressedSize: false,
        rollupOptions: {
          input: await entries(),
          output: {
            format: 'es',
            preserveModules: true,
            preserveModulesRoot: REPO_ROOT,
            entryFileNames: '[name].js',
          },
        },
      },
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
