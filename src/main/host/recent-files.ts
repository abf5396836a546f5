/**
 * The recently opened workload files, persisted as JSON in the user's config directory
 * (`$XDG_CONFIG_HOME/parascope/recent-workloads.json`, or `~/.config/parascope/…`), so the app
 * offers them again after a restart. A missing or damaged file is an empty list, never an error.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { MAX_RECENT_WORKLOADS } from '../../shared/contract';
import { badHostDependency } from './host-errors';
import type { RecentFiles } from './services';

/** The file's name inside the config directory. */
export const RECENT_FILE_NAME = 'recent-workloads.json';

/** Parascope's config directory: `$XDG_CONFIG_HOME/parascope` when that is absolute, else `~/.config/parascope`. */
export function configDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const xdg = env['XDG_CONFIG_HOME'];
  // The XDG spec says a relative value is invalid and must be ignored.
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), 'parascope');
}

/** What {@link createRecentFiles} needs. */
export interface RecentFilesOptions {
  /** The JSON file; defaults to {@link RECENT_FILE_NAME} in {@link configDir}. */
  file?: string;
  /** How many paths are kept (default {@link MAX_RECENT_WORKLOADS}). */
  max?: number;
}

/** Every string of a parsed file's `files`, or nothing when it is not the expected shape. */
function pathsIn(parsed: unknown, max: number): string[] {
  const files = (parsed as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) return [];
  return files.filter((f): f is string => typeof f === 'string' && f.length > 0).slice(0, max);
}

/** A {@link RecentFiles} kept in a JSON file (read on every `list`, so two hosts stay in step). */
export function createRecentFiles(options: RecentFilesOptions = {}): RecentFiles {
  const file = options.file ?? join(configDir(), RECENT_FILE_NAME);
  const max = options.max ?? MAX_RECENT_WORKLOADS;
  if (!Number.isInteger(max) || max < 1) throw badHostDependency('options.max', 'a positive integer');
  // Adds run one after another, so two opens in a row never lose one of them.
  let queue: Promise<unknown> = Promise.resolve();

  async function read(): Promise<string[]> {
    try {
      return pathsIn(JSON.parse(await readFile(file, 'utf8')), max);
    } catch {
      return [];
    }
  }

  async function write(files: string[]): Promise<void> {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    // Write then rename: a crash mid-write leaves the old list, not half a file.
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify({ version: 1, files }, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, file);
  }

  return {
    list: read,
    add(path) {
      const next = queue.then(async () => {
        const files = [path, ...(await read()).filter((f) => f !== path)].slice(0, max);
        await write(files);
        return files;
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
