/**
 * What built modules import, and where Node would find it inside the asar: enough to check
 * that every import of the packaged app resolves to a file or package that was packed.
 */
import { isBuiltin } from 'node:module';
import { posix } from 'node:path';
import ts from 'typescript';

/** Module specifiers a built file imports (static, dynamic, require), comments and strings ignored. */
export function importSpecifiers(code: string): string[] {
  return ts.preProcessFile(code, true, true).importedFiles.map((f) => f.fileName);
}

/** True for a specifier Node resolves by path rather than as a package. */
export function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/');
}

/** True for `node:fs`, `fs`, … and Electron's own module, which the runtime provides. */
export function isProvidedByRuntime(specifier: string): boolean {
  return isBuiltin(specifier) || specifier === 'electron' || specifier.startsWith('electron/');
}

/** The package a bare specifier names: `zod` for `zod/v4`, `@scope/pkg` for `@scope/pkg/x`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** The asar entry a relative specifier of `from` (an asar entry) points at. */
export function resolveRelative(from: string, specifier: string): string {
  return posix.normalize(posix.join(posix.dirname(from), specifier));
}

/** Parent directory of an asar entry, with '' for the root. */
function parentDir(dir: string): string {
  const parent = posix.dirname(dir);
  return parent === '.' ? '' : parent;
}

/**
 * The package directory Node would load `name` from when imported by a module in `fromDir`:
 * the nearest `node_modules/<name>` with a package.json, walking up to the asar root.
 */
export function findPackageDir(
  entries: ReadonlySet<string>,
  fromDir: string,
  name: string,
): string | undefined {
  for (let dir = fromDir; ; dir = parentDir(dir)) {
    if (posix.basename(dir) !== 'node_modules') {
      const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
      if (entries.has(`${candidate}/package.json`)) return candidate;
    }
    if (dir === '') return undefined;
  }
}

/** Every package directory in the asar (`node_modules/x`, `node_modules/@s/x`, nested ones too). */
export function packedPackages(entries: ReadonlySet<string>): Set<string> {
  const dirs = new Set<string>();
  for (const entry of entries) {
    if (!entry.endsWith('/package.json')) continue;
    const dir = entry.slice(0, -'/package.json'.length);
    // A package sits right under node_modules; `zod/v4/package.json` is a file of zod.
    if (/(?:^|\/)node_modules\/(?:@[^/]+\/)?[^/@][^/]*$/.test(dir)) dirs.add(dir);
  }
  return dirs;
}

/** Fields of a package.json that say what a package needs at run time. */
interface PackageManifest {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  optionalDependencies?: Record<string, string>;
}

/**
 * The packages needed to load `roots` (bare imports, each with the directory of the module
 * importing it), with their dependencies, found the way Node would find them.
 */
export function packageClosure(
  entries: ReadonlySet<string>,
  readJson: (path: string) => PackageManifest,
  roots: readonly { fromDir: string; name: string }[],
): { found: Set<string>; missing: string[] } {
  const found = new Set<string>();
  const missing: string[] = [];
  const queue = [...roots.map((r) => ({ ...r, optional: false, by: r.fromDir }))];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const dir = findPackageDir(entries, next.fromDir, next.name);
    if (!dir) {
      if (!next.optional) missing.push(`${next.name} (needed by ${next.by || 'the app'})`);
      continue;
    }
    if (found.has(dir)) continue;
    found.add(dir);
    const manifest = readJson(`${dir}/package.json`);
    const optionalPeers = manifest.peerDependenciesMeta ?? {};
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      queue.push({ fromDir: dir, name, optional: false, by: dir });
    }
    for (const name of Object.keys(manifest.peerDependencies ?? {})) {
      queue.push({ fromDir: dir, name, optional: optionalPeers[name]?.optional === true, by: dir });
    }
    for (const name of Object.keys(manifest.optionalDependencies ?? {})) {
      queue.push({ fromDir: dir, name, optional: true, by: dir });
    }
  }
  return { found, missing };
}
