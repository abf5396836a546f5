/**
 * `require('parascope/runtime')`, for a user's module that runs as CommonJS: a `.cjs` or `.js`
 * file outside a `"type": "module"` package, and, above all, a `.ts` file there, which tsx
 * compiles to CommonJS (its `import`s become `require`s). Node's resolve hooks do not see
 * `require` (Node 20), and requiring the runtime's ES module would either fail or, through tsx,
 * load a second copy of it. So the runtime's own ES module namespace, loaded once, is put in
 * `require.cache` under the runtime entry's path, and `parascope` / `parascope/runtime` resolve
 * to that path: CommonJS code gets the very same classes and singletons as everything else.
 */
import { createRequire, Module } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The specifiers that mean this runtime (as in self-resolve-hooks.ts). */
const SELF_SPECIFIERS = new Set(['parascope', 'parascope/runtime']);

/** The internals of Node's CommonJS loader this needs (stable since Node 0.x, used by tsx too). */
interface CjsLoader {
  _resolveFilename(this: unknown, request: string, ...rest: unknown[]): string;
}

let ready: Promise<void> | null = null;

/**
 * Makes `require('parascope/runtime')` give this thread's instance of the runtime at
 * `runtimeUrl` (its entry's file: URL). Idempotent; resolves once in place.
 */
export function ensureCjsSelfResolve(runtimeUrl: string): Promise<void> {
  ready ??= install(runtimeUrl);
  return ready;
}

async function install(runtimeUrl: string): Promise<void> {
  const namespace: unknown = await import(runtimeUrl);
  const filename = fileURLToPath(runtimeUrl);
  // Set even over an entry already there: that would be a second, CommonJS copy of the runtime.
  const entry = new Module(filename);
  entry.filename = filename;
  entry.loaded = true;
  entry.exports = namespace;
  createRequire(import.meta.url).cache[filename] = entry;
  const loader = Module as unknown as CjsLoader;
  const next = loader._resolveFilename;
  loader._resolveFilename = function resolveSelf(this: unknown, request: string, ...rest: unknown[]): string {
    return SELF_SPECIFIERS.has(request) ? filename : next.call(this, request, ...rest);
  };
}
