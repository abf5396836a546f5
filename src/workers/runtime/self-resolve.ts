/**
 * Getting a context ready to import a user's module (a workload file, a task module), wherever
 * that file lives and whatever it is written in:
 *
 * - `parascope/runtime` must resolve from it. Inside this checkout the package's self-reference
 *   does that (from source); anywhere else nothing would. So the hooks of self-resolve-hooks.ts are
 *   registered (once per thread, before the first user module is imported), mapping the
 *   specifier to the runtime that is running: one instance shared by the user's code and the
 *   runtime, so `Value`/`Lock` arguments and the worker's context work alike. A module that
 *   runs as CommonJS `require`s it instead: self-resolve-cjs.ts answers that.
 * - a `.ts` module needs a TypeScript loader. From source the runtime runs under tsx already;
 *   built, tsx's API is registered the first time a `.ts` module is imported, and where tsx is
 *   missing the import fails with an error that says so (never a hang).
 *
 * The runtime's own modules (built-in scenarios, its own task modules) need neither, so
 * importing them registers nothing: a pool of built-in tasks pays no hook at all.
 */
import { readFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureCjsSelfResolve } from './self-resolve-cjs';
import { PROBE_PREFIX, SELF_RESOLVE_HOOKS_URL, type SelfResolveData } from './self-resolve-hooks';
import { typeScriptUnavailable } from './self-resolve-errors';

const here = fileURLToPath(import.meta.url);
const ownExt = extname(here);

/**
 * URL of the runtime's entry (`index`) beside `moduleUrl`, with its extension: what
 * `parascope/runtime` resolves to in a user's module (`.ts` from source, `.js` built).
 */
export function runtimeEntryUrl(moduleUrl: string = import.meta.url): string {
  const self = fileURLToPath(moduleUrl);
  return pathToFileURL(join(dirname(self), `index${extname(self)}`)).href;
}

/** The folder holding the runtime's whole tree (`src/` from source, `out/app/` built), as a URL. */
const ownRoot = new URL('../../', import.meta.url).href;

/** Whether `url` is one of the runtime's own modules (which never import `parascope/runtime`). */
export function isOwnModule(url: string): boolean {
  return url.startsWith(ownRoot);
}

/** Whether `url` (a file: URL or path) names a TypeScript module. */
export function isTypeScriptModule(url: string): boolean {
  return /\.[cm]?ts$/.test(url.startsWith('file:') ? new URL(url).pathname : url);
}

/** The `type` of the package.json nearest above `dir` (Node's package scope), if any. */
function packageType(dir: string): unknown {
  for (;;) {
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { type?: unknown }).type;
    } catch {
      // None here (or unreadable, which Node would refuse anyway): look further up.
    }
    const parent = dirname(dir);
    if (parent === dir || basename(dir) === 'node_modules') return undefined;
    dir = parent;
  }
}

/**
 * Whether the module at `url` runs as CommonJS: `.cjs`/`.cts`, or a `.js`/`.ts` file outside a
 * `"type": "module"` package (tsx compiles such a `.ts` file's imports to `require`). Errs
 * towards yes: a CommonJS-scoped `.js` that Node detects as ESM only costs a preload.
 */
export function runsAsCommonJs(url: string): boolean {
  const path = url.startsWith('file:') ? fileURLToPath(url) : url;
  if (/\.c[jt]s$/.test(path)) return true;
  if (/\.m[jt]s$/.test(path)) return false;
  return packageType(dirname(path)) !== 'module';
}

/**
 * Whether hooks answering `probe` already apply to this thread: registered here, or by the
 * process's main thread on a Node that shares one hooks thread between workers (22.2+). Node
 * 20 does not share them: each worker thread registers its own.
 */
function probeAnswers(probe: string): boolean {
  try {
    import.meta.resolve(`${PROBE_PREFIX}${probe}`);
    return true;
  } catch {
    return false;
  }
}

let selfResolving = false;

/** Registers the hooks answering `probes`; every registration also resolves the runtime. */
function registerHooks(probes: string[]): void {
  const data: SelfResolveData = { runtime: runtimeEntryUrl(), probes: [...probes, 'self'] };
  register(SELF_RESOLVE_HOOKS_URL, { data });
  selfResolving = true;
}

/** Makes `parascope/runtime` resolve to this runtime from any module this thread imports later. */
export function ensureSelfResolve(): void {
  if (selfResolving) return;
  if (!probeAnswers('self')) registerHooks([]);
  selfResolving = true;
}

/** URLs of the `import` builds of tsx's ESM and CJS APIs, found from `moduleUrl`. */
export function tsxApiUrls(moduleUrl: string): { esm: string; cjs: string } {
  const require = createRequire(moduleUrl);
  // The `require` build of the ESM API registers a wrong path, so not `require.resolve` itself.
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const api = (name: string): string =>
    new URL(pkg.exports[name]!.import.default, pathToFileURL(pkgPath)).href;
  return { esm: api('./esm/api'), cjs: api('./cjs/api') };
}

/** TypeScript loader of this thread: known present from source (the runtime is `.ts` itself). */
let typeScript: Promise<void> | null = ownExt === '.ts' || ownExt === '.mts' ? Promise.resolve() : null;

async function registerTypeScript(moduleUrl: string): Promise<void> {
  // A main thread that registered it is enough where worker threads share its hooks.
  if (probeAnswers('typescript')) return;
  let apis: { register(): unknown }[];
  try {
    const urls = tsxApiUrls(import.meta.url);
    apis = (await Promise.all([import(urls.esm), import(urls.cjs)])) as { register(): unknown }[];
  } catch (error) {
    throw typeScriptUnavailable(moduleUrl, error);
  }
  // ESM hooks for `import`, CJS hooks for `require`, as `--import tsx` does in a process.
  for (const api of apis) api.register();
  registerHooks(['typescript']);
}

/** Makes a TypeScript module importable in this thread; rejects, naming `moduleUrl`, when it cannot. */
export function ensureTypeScript(moduleUrl: string): Promise<void> {
  if (typeScript === null) {
    const loading = registerTypeScript(moduleUrl);
    typeScript = loading;
    // A failure is not kept: tsx installed later, or another module, may succeed.
    loading.catch(() => {
      if (typeScript === loading) typeScript = null;
    });
  }
  return typeScript;
}

/**
 * Gets this thread ready to import the user's module at `url` (a file: URL): `parascope/runtime`
 * resolvable from it and, for `.ts`, a TypeScript loader. Rejects with a clear error naming the
 * module when it cannot be made importable.
 */
export async function prepareUserImport(url: string): Promise<void> {
  if (isTypeScriptModule(url)) await ensureTypeScript(url);
  if (isOwnModule(url)) return;
  ensureSelfResolve();
  // Loading the runtime for require() costs a worker's start-up; only CommonJS needs it.
  if (runsAsCommonJs(url)) await ensureCjsSelfResolve(runtimeEntryUrl());
}

/** Imports the user's module at `url` (a file: URL) after {@link prepareUserImport}. */
export async function importUserModule(url: string): Promise<Record<string, unknown>> {
  await prepareUserImport(url);
  return (await import(url)) as Record<string, unknown>;
}
