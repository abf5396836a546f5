import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture } from './helpers';
import { BACKENDS } from './process-helpers';

const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Runs tests/fixtures/tasks/process-parent.ts; resolves with its exit code and stdout. */
function runParent(args: string[]): Promise<{ code: number | null; stdout: string }> {
  const parent = spawn(process.execPath, ['--import', loader, fixture('process-parent.ts'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  parent.stdout.setEncoding('utf8');
  parent.stdout.on('data', (chunk: string) => (stdout += chunk));
  return new Promise((resolve) => parent.once('close', (code) => resolve({ code, stdout })));
}

/** Fails instead of hanging when `promise` does not settle within `ms` (a "does not hang" bound). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}

describe.each(BACKENDS)('Process daemon flag (%s backend)', (backend) => {
  it('a daemon child does not keep its parent alive, and dies with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parascope-daemon-'));
    const socketPath = join(dir, 'probe.sock');
    const server = createServer();
    server.listen(socketPath);
    await once(server, 'listening');
    try {
      // The daemon connects and never ends: its connection closes only when it dies.
      const connected = once(server, 'connection') as Promise<[Socket]>;
      const parent = runParent(['daemon', backend, socketPath]);
      const [socket] = await within(connected, 20_000, 'the daemon connecting');
      // Read (and drop) what it says, so that its end is seen.
      socket.resume();
      const closed = once(socket, 'close');
      const { code, stdout } = await within(parent, 20_000, 'the parent exiting');
      expect(code).toBe(0);
      // Still running when its parent exited, and not waited for.
      expect(stdout.trim().split('\n').at(-1)).toBe('exit null');
      await within(closed, 10_000, "the daemon's death");
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a non-daemon child keeps its parent alive until it ended, its output written through', async () => {
    const { code, stdout } = await within(runParent(['non-daemon', backend]), 20_000, 'the parent exiting');
    expect(code).toBe(0);
    expect(stdout).toContain('alpha\nbeta\ngamma');
    expect(stdout.trim().split('\n').at(-1)).toBe('exit 0');
  });

  it('awaiting start() and join() of a daemon keeps the parent alive meanwhile', async () => {
    const { code, stdout } = await within(runParent(['daemon-join', backend]), 20_000, 'the parent exiting');
    // Node ends a program whose top-level await waits on nothing ref'd with code 13.
    expect(code).toBe(0);
    expect(stdout).toContain('alpha\nbeta\ngamma');
    expect(stdout.trim().split('\n').at(-1)).toBe('exit 0');
  });
});
