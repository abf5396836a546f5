/**
 * Where a workload file named by a user is: `~` expanded, resolved against the working
 * directory, and checked to be an existing file with an allowed extension before any process
 * is started for it.
 */
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, isAbsolute, resolve } from 'node:path';
import { WORKLOAD_EXTENSIONS } from '../../shared/scenarios';
import { badWorkloadExtension, badWorkloadPath, noWorkloadFile } from './session-errors';

/** True when `name` looks like a file rather than a scenario id: it has a path separator or a workload extension. */
export function looksLikeWorkloadFile(name: string): boolean {
  return /[/\\]/.test(name) || (WORKLOAD_EXTENSIONS as readonly string[]).includes(extname(name));
}

/**
 * The absolute path of the workload file `given` names (relative to `cwd`; `~/` is the home
 * directory). Throws TypeError when it is not a `.js/.mjs/.cjs/.ts` file that exists.
 */
export function resolveWorkloadFile(given: unknown, cwd: string = process.cwd()): string {
  if (typeof given !== 'string' || given.trim() === '' || given.includes('\0')) throw badWorkloadPath(given);
  const expanded = given === '~' || given.startsWith('~/') ? `${homedir()}${given.slice(1)}` : given;
  const path = isAbsolute(expanded) ? resolve(expanded) : resolve(cwd, expanded);
  if (!(WORKLOAD_EXTENSIONS as readonly string[]).includes(extname(path))) throw badWorkloadExtension(path);
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    // Missing or unreadable: reported below as no such file.
  }
  if (!isFile) throw noWorkloadFile(path);
  return path;
}
