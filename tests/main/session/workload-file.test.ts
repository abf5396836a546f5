import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksLikeWorkloadFile, resolveWorkloadFile } from '../../../src/main/session/workload-file';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(os.tmpdir(), 'parascope-wf-'));
  await mkdir(join(tmp, 'sub'));
  for (const name of ['a.js', 'b.mjs', 'c.cjs', 'd.ts', 'e.py', 'sub/f.ts'])
    await writeFile(join(tmp, name), '');
  await mkdir(join(tmp, 'dir.ts'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('resolveWorkloadFile', () => {
  it('accepts existing .js, .mjs, .cjs and .ts files and answers their absolute path', () => {
    for (const name of ['a.js', 'b.mjs', 'c.cjs', 'd.ts']) {
      expect(resolveWorkloadFile(join(tmp, name))).toBe(join(tmp, name));
    }
  });

  it('resolves a relative path against the given directory, normalising it', () => {
    expect(resolveWorkloadFile('./sub/../d.ts', tmp)).toBe(join(tmp, 'd.ts'));
    expect(resolveWorkloadFile('sub/f.ts', tmp)).toBe(join(tmp, 'sub', 'f.ts'));
  });

  it('expands ~/ to the home directory', () => {
    const home = os.homedir();
    expect(() => resolveWorkloadFile('~/surely-not-here-parascope.ts')).toThrow(
      `no workload file at ${join(home, 'surely-not-here-parascope.ts')}`,
    );
  });

  it('refuses other extensions, naming the allowed ones (TypeError)', () => {
    expect(() => resolveWorkloadFile(join(tmp, 'e.py'))).toThrow(TypeError);
    expect(() => resolveWorkloadFile(join(tmp, 'e.py'))).toThrow(
      `workload file must end in .js, .mjs, .cjs, .ts (got ${join(tmp, 'e.py')})`,
    );
  });

  it('refuses a path where there is no file, or a directory', () => {
    expect(() => resolveWorkloadFile(join(tmp, 'missing.ts'))).toThrow(
      `no workload file at ${join(tmp, 'missing.ts')}`,
    );
    expect(() => resolveWorkloadFile(join(tmp, 'dir.ts'))).toThrow(
      `no workload file at ${join(tmp, 'dir.ts')}`,
    );
  });

  it('refuses what is not a usable path', () => {
    for (const bad of ['', '   ', 'a\0.ts', 42, null]) {
      expect(() => resolveWorkloadFile(bad, tmp)).toThrow(/^workload file must be a non-empty path/);
    }
  });
});

describe('looksLikeWorkloadFile', () => {
  it('tells files from scenario ids', () => {
    for (const file of ['./w.ts', 'w.ts', 'w.mjs', 'dir/w', 'C:\\w\\x.js'])
      expect(looksLikeWorkloadFile(file)).toBe(true);
    for (const id of ['pool-map', 'race-counter', 'w.py']) expect(looksLikeWorkloadFile(id)).toBe(false);
  });
});
