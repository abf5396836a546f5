/**
 * Starting a session process: where its entry is, the Node flags it needs, and the helpers the
 * runner and the describer share for its output and its end.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(import.meta.url);

/** The session process next to this tree, with this file's extension (`.ts` from source, `.js` built). */
export function defaultSessionEntry(): string {
  return join(dirname(here), '..', '..', 'workers', `session-process${extname(here)}`);
}

const isTypeScript = (file: string): boolean => /\.[cm]?ts$/.test(file);

/**
 * Node flags a session process needs: tsx's loader when its entry is TypeScript (from source).
 * A user's `.ts` workload needs none: the session process registers tsx itself before it
 * imports one (src/workers/runtime/self-resolve.ts), and says so as data where tsx is missing.
 */
export function execArgvFor(entry: string): string[] {
  if (!isTypeScript(entry)) return [];
  const loader = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(loader).href];
}

/**
 * Forks a session process (the workload is sent to it later and needs no flags of its own):
 * detached, so it leads its own process group and one `kill(-pid)` takes its whole tree;
 * stdout and stderr piped, so every line can be forwarded.
 */
export function forkSession(entry: string): ChildProcess {
  return fork(entry, [], {
    execArgv: execArgvFor(entry),
    detached: true,
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
}

/** Calls `onLine` with every line of `stream`. */
export function forwardLines(stream: Readable | null, onLine: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
}

/** Resolves when `promise` does or after `ms`, whichever is first (never rejects). */
export function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise.then(() => undefined), timeout]).finally(() => clearTimeout(timer));
}
