// The executable as a user runs it: a real `node bin/parascope.mjs …` process.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src/shared/scenarios';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = join(root, 'bin', 'parascope.mjs');
const run = promisify(execFile);

describe('bin/parascope.mjs', () => {
  it('runs pool-map and prints the RunSummary JSON', async () => {
    const { stdout } = await run(process.execPath, [bin, 'run', 'pool-map', '--json'], { cwd: root });
    const summary = JSON.parse(stdout) as RunSummary;
    expect(summary).toMatchObject({
      scenario: 'pool-map',
      result: [1, 4, 9, 16, 25, 36, 49, 64],
      ok: true,
      tasks: 8,
    });
  });

  it("runs the README's example workload file (examples/prime-count.ts) and it is right", async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      [bin, 'run', 'examples/prime-count.ts', '--param', 'limit=20000', '--backend', 'thread', '--json'],
      { cwd: root },
    );
    const summary = JSON.parse(stdout) as RunSummary;
    expect(summary).toMatchObject({
      scenario: join(root, 'examples', 'prime-count.ts'),
      params: { workers: 2, limit: 20000, chunks: 8, backend: 'thread', lock: true },
      // 2262 primes below 20 000; every chunk bumped the shared counter once, under its lock.
      result: { primes: 2262, chunks: 8 },
      ok: true,
      tasks: 8,
    });
    expect(stderr).toContain('2262 primes below 20000');
  });

  it('sets the exit code: 2 and one line for a mistake', async () => {
    const failure = await run(process.execPath, [bin, 'run', 'pool-map', '--wrokers', '2'], {
      cwd: root,
    }).then(
      () => expect.unreachable('should exit non-zero'),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure.code).toBe(2);
    expect(failure.stdout).toBe('');
    expect(failure.stderr).toBe("parascope: unknown flag --wrokers for 'run' (did you mean --workers?)\n");
  });
});
