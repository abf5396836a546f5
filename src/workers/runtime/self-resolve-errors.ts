/** Errors of getting a user's module ready to import (self-resolve.ts). */
import { fileURLToPath } from 'node:url';

/**
 * A TypeScript module (a workload file or a task module) that this runtime cannot load: no
 * TypeScript loader is running and tsx cannot be loaded beside the runtime (a packaged app
 * leaves it out). Names the module and what to do; `cause` is why tsx did not load.
 */
export function typeScriptUnavailable(moduleUrl: string, cause: unknown): Error {
  const path = moduleUrl.startsWith('file:') ? fileURLToPath(moduleUrl) : moduleUrl;
  const why = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0];
  const error = new Error(
    `Cannot load the TypeScript module ${path}: this Parascope has no TypeScript loader ` +
      `(tsx did not load: ${why}). Compile the module to JavaScript (.js or .mjs) and name that ` +
      'file instead, or run Parascope from a checkout or install that includes tsx.',
    { cause },
  );
  error.name = 'TypeScriptUnavailableError';
  return error;
}
