/**
 * Python's `if __name__ == '__main__':` rule, enforced. A worker imports the module that holds
 * its task; if that module also starts a Pool or a Process at top level, every worker would start
 * more workers, for ever. Python (spawn) stops this with a RuntimeError about the bootstrapping
 * phase; here, creating a Pool or Process while a worker or child is importing a task module
 * throws an error that says which module and what to do, and the import fails with it.
 */
import { isMainThread } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { prepareUserImport } from './self-resolve';

let importing: string | null = null;

/**
 * Imports a task module, marking the import so {@link assertNotBootstrapping} can see it. The
 * module may live anywhere and be TypeScript: `parascope/runtime` resolves from it (self-resolve.ts).
 */
export async function importTaskModule(url: string): Promise<Record<string, unknown>> {
  await prepareUserImport(url);
  const outer = importing;
  importing = url;
  try {
    return (await import(url)) as Record<string, unknown>;
  } finally {
    importing = outer;
  }
}

/** Throws when a Pool or Process is created by a task module's top-level code. */
export function assertNotBootstrapping(what: 'Pool' | 'Process'): void {
  if (importing === null) return;
  throw new Error(
    `A ${what} was created while this worker was importing its task module ${importing}. Every ` +
      `worker imports that module, so top-level code that starts a ${what} would start workers ` +
      'without end. Move the program out of the task module, or guard it with ' +
      '`if (isMainModule(import.meta.url)) { … }` (Python: `if __name__ == "__main__":`).',
  );
}

/**
 * True when the module at `moduleUrl` is the program being run (`node file.ts`), not a module a
 * worker imported to find a task: the guard for a file that holds both its tasks and its program.
 */
export function isMainModule(moduleUrl: string): boolean {
  if (!isMainThread || process.argv[1] === undefined) return false;
  const file = moduleUrl.startsWith('file:') ? fileURLToPath(moduleUrl) : moduleUrl;
  const main = process.argv[1];
  return file === main || file.replace(/\.[cm]?[jt]s$/, '') === main.replace(/\.[cm]?[jt]s$/, '');
}
