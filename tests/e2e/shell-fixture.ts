/**
 * Starts the browser shell the way a user does (`node bin/parascope.mjs serve`) and hands the
 * test its URL. The shell is stopped with SIGTERM after the test file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A running browser shell. */
export interface Shell {
  /** URL with the access token, as `parascope serve` prints it. */
  url: string;
  /** Everything the shell printed so far (for diagnosing failures). */
  output(): string;
}

async function startShell(): Promise<{ shell: Shell; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'parascope.mjs'), 'serve', '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(text);
      if (match) resolve(match[0]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`parascope serve exited (${code}) before printing its URL:\n${text}`)),
    );
  });
  return { shell: { url, output: () => text }, child };
}

/** `test` with a worker-scoped `shell` fixture. */
export const test = base.extend<object, { shell: Shell }>({
  shell: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { shell, child } = await startShell();
      await use(shell);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
