// `parascope run <file>`: a user's workload file from the command line, through the real runner.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { capture, lines } from './capture';

async function cli(argv: string[]) {
  const c = capture(new AbortController().signal);
  const code = await runCli(argv, c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(os.tmpdir(), 'parascope-run-file-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('parascope run <file>', () => {
  const declared = join('tests', 'fixtures', 'session', 'declared.ts');

  it('runs a workload file by relative path, reading each --param by its kind, with --backend', async () => {
    const r = await cli([
      'run',
      declared,
      '--param',
      'lock=yes',
      '--param',
      'unit=0.25',
      '--backend',
      'thread',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const params = { workers: 2, unit: 0.25, lock: true, backend: 'thread' };
    expect(JSON.parse(r.stdout)).toMatchObject({
      scenario: join(process.cwd(), declared),
      params,
      result: params,
      ok: true,
    });
    expect(r.stderr).toContain('declared: ');
  });

  it('prints a human summary titled by the file name (it is not imported just for its title)', async () => {
    const r = await cli(['run', declared]);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)[0]).toBe(
      `scenario  ${join(process.cwd(), declared)}  declared.ts  (workers=2 unit=0.5 lock=false backend=process)`,
    );
  });

  it('exits 1 for a file with a syntax error, printing the file, line and the offending source', async () => {
    const file = join(tmp, 'broken.mjs');
    await writeFile(file, 'export function main() {\n  return [1, 2;\n}\n');
    for (const argv of [
      ['run', file],
      ['run', file, '--param', 'x=1'],
    ]) {
      const r = await cli(argv);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      const [first, where, source] = lines(r.stderr);
      expect(first).toMatch(
        new RegExp(`^parascope: ${file} (failed|did not load): SyntaxError: syntax error at ${file}:2: `),
      );
      expect(where).toBe(`${file}:2`);
      expect(source).toBe('  return [1, 2;');
    }
  });

  it('exits 1 for a file without main, saying what it exports', async () => {
    const r = await cli(['run', join('tests', 'fixtures', 'session', 'no-main.ts')]);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)[0]).toMatch(
      /failed: TypeError: .*no-main\.ts does not export a main\(ctx, params\) function \(it exports: notMain\)$/,
    );
  });

  it("exits 1 when the file's main throws, naming the line", async () => {
    const file = join('tests', 'fixtures', 'session', 'throws-in-main.mjs');
    const r = await cli(['run', file]);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)[0]).toBe(
      `parascope: ${file} failed: Error: main gave up (at ${join(process.cwd(), file)}:4:9)`,
    );
  });
});
