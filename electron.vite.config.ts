/**
 * Build of the Electron app: main side (Electron shell, session process, pool workers and
 * scenarios, all plain-Node modules), the preload (CommonJS, as a sandboxed renderer needs),
 * and the renderer (React). `electron-vite build` needs no Electron binary.
 *
 * The main side keeps the source tree's layout (`preserveModules`, rooted at `src/`), so a
 * module that finds a sibling entry point relative to its own file (the pool finding
 * `pool-worker` or `pool-thread-worker`, a scenario naming itself as a task module) finds it
 * at the same relative path from source (`.ts`, under tsx) and from the build (`.js`).
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const src = (p: string): string => resolve(__dirname, 'src', p);

// Scenario modules are loaded by path at run time (the catalog names them, nothing imports
// them), so each must be an entry of its own; every module in src/scenarios is one.
const scenarioEntries = Object.fromEntries(
  readdirSync(src('scenarios'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [`scenarios/${f.slice(0, -3)}`, src(`scenarios/${f}`)]),
);

export default defineConfig({
  main: {
    build: {
      outDir: 'out/app',
      rollupOptions: {
        input: {
          'main/electron/main': src('main/electron/main.ts'),
          'workers/session-process': src('workers/session-process.ts'),
          'workers/runtime/pool-worker': src('workers/runtime/pool-worker.ts'),
          'workers/runtime/pool-thread-worker': src('workers/runtime/pool-thread-worker.ts'),
          'workers/runtime/process-child': src('workers/runtime/process-child.ts'),
          'workers/runtime/process-thread-child': src('workers/runtime/process-thread-child.ts'),
          // What `parascope/runtime` resolves to in a user's module (src/workers/runtime/
          // self-resolve.ts): an entry, so that it keeps every export.
          'workers/runtime/index': src('workers/runtime/index.ts'),
          ...scenarioEntries,
        },
        output: {
          format: 'es',
          preserveModules: true,
          preserveModulesRoot: 'src',
          entryFileNames: '[name].js',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: src('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: src('renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves every bundle unminified by default; the renderer is what a
      // browser downloads and parses at every page load, so it is minified.
      minify: true,
      rollupOptions: { input: src('renderer/index.html') },
    },
  },
});
