/**
 * Task references: which module and export a worker should run. Functions cannot cross a process
 * boundary, so a task is named by where it lives, as Python's pool pickles a function by name.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TaskRef } from '../../shared/worker-protocol';
import { invalidTaskRef } from './errors';

export type { TaskRef } from '../../shared/worker-protocol';

/** Checks a module specifier and returns it as stored in a TaskRef (absolute path or file: URL). */
function normalizeModule(module: unknown, field: string): string {
  if (module instanceof URL) module = module.href;
  if (typeof module !== 'string' || module.length === 0) {
    throw invalidTaskRef(field, 'must be a non-empty string or URL', module);
  }
  if (module.startsWith('file:')) {
    if (!URL.canParse(module)) throw invalidTaskRef(field, 'is not a valid file: URL', module);
    return module;
  }
  if (!isAbsolute(module)) {
    throw invalidTaskRef(
      field,
      'must be an absolute path or a file: URL (resolve relative paths first, e.g. with import.meta.url)',
      module,
    );
  }
  return module;
}

function checkName(name: unknown, field: string): string {
  if (typeof name !== 'string' || name.length === 0) {
    throw invalidTaskRef(field, 'must be the non-empty name of an exported function', name);
  }
  return name;
}

/**
 * Names the exported function `name` of a module as a task, e.g.
 * `task(import.meta.url, 'square')` or `task('/abs/path/tasks.mjs', 'square')`.
 * Throws TypeError naming the bad argument; relative paths are refused because a worker could
 * not know what they are relative to.
 */
export function task(moduleUrlOrPath: string | URL, name: string): TaskRef {
  return Object.freeze({
    module: normalizeModule(moduleUrlOrPath, 'moduleUrlOrPath'),
    name: checkName(name, 'name'),
  });
}

/**
 * Validates something passed where a {@link TaskRef} is expected (a plain object is accepted,
 * not only one made by {@link task}); `argName` names the argument in the error.
 */
export function validateTaskRef(value: unknown, argName: string): TaskRef {
  if (typeof value !== 'object' || value === null) {
    throw invalidTaskRef(argName, 'must be a task reference made by task(module, name)', value);
  }
  const { module, name } = value as Partial<Record<keyof TaskRef, unknown>>;
  return { module: normalizeModule(module, `${argName}.module`), name: checkName(name, `${argName}.name`) };
}

/** The URL a worker passes to `import()` for a TaskRef's module. */
export function moduleImportUrl(module: string): string {
  return module.startsWith('file:') ? module : pathToFileURL(module).href;
}
