// Reading what a workload file declares, through the runner (a session process per file).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionRunner, SessionError } from '../../../src/main/session';
import { isRunning } from './observe';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'session');

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(os.tmpdir(), 'parascope-describe-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('SessionRunner.describe', () => {
  it('describes a file: what it declares, under its absolute path', async () => {
    const runner = createSessionRunner({ cwd: fixtures, onOutput: () => {} });
    const file = join(fixtures, 'declared.ts');
    const info = await runner.describe('declared.ts');
    expect(info).toMatchObject({ id: file, path: file, title: 'Declared parameters', hasExpected: true });
    expect(info.params.map((p) => `${p.kind}:${p.name}`)).toEqual([
      'int:workers',
      'number:unit',
      'bool:lock',
      'enum:backend',
    ]);
  });

  it('rejects describing a missing file with a TypeError, and a broken one with its error as data', async () => {
    const runner = createSessionRunner({ cwd: tmp, onOutput: () => {} });
    await expect(runner.describe('missing.mjs')).rejects.toThrow(TypeError);
    const file = join(tmp, 'broken.mjs');
    await writeFile(file, 'export function main() {\n  return (;\n}\n');
    const error = await runner.describe(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionError);
    expect((error as SessionError).data).toMatchObject({
      code: 'workload-error',
      name: 'SyntaxError',
      message: expect.stringMatching(new RegExp(`^syntax error at ${file}:2: `)),
    });
  });

  it('kills a file that does not finish loading, within its time limit, and says why', async () => {
    const file = join(tmp, 'hangs.mjs');
    await writeFile(
      file,
      'console.log(`loading pid ${process.pid}`);\nsetInterval(() => {}, 1000);\nawait new Promise(() => {});\nexport function main() {}\n',
    );
    const lines: string[] = [];
    // Long enough for a loaded machine to start the session process and reach the file's first line.
    const runner = createSessionRunner({ describeTimeoutMs: 4000, onOutput: (line) => lines.push(line) });
    const error = await runner.describe(file).catch((e: unknown) => e);
    expect((error as SessionError).data).toMatchObject({
      name: 'TimeoutError',
      message: expect.stringContaining('4 s'),
    });
    const pid = Number(/loading pid (\d+)/.exec(lines.join('\n'))?.[1]);
    expect(isRunning(pid)).toBe(false);
  });
});
