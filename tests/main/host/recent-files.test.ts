import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configDir, createRecentFiles, RECENT_FILE_NAME } from '../../../src/main/host/recent-files';

let tmp: string;
let n = 0;
/** A fresh list file in its own (not yet existing) directory. */
const freshFile = (): string => join(tmp, `config-${n++}`, 'parascope', RECENT_FILE_NAME);

beforeAll(async () => {
  tmp = await mkdtemp(join(os.tmpdir(), 'parascope-recent-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('configDir', () => {
  it('uses XDG_CONFIG_HOME when it is absolute, else ~/.config', () => {
    expect(configDir({ XDG_CONFIG_HOME: '/x/conf' }, '/home/me')).toBe('/x/conf/parascope');
    expect(configDir({}, '/home/me')).toBe('/home/me/.config/parascope');
    // The XDG spec: a relative value is invalid and ignored.
    expect(configDir({ XDG_CONFIG_HOME: 'conf' }, '/home/me')).toBe('/home/me/.config/parascope');
  });
});

describe('createRecentFiles', () => {
  it('starts empty, creating nothing until a file is added', async () => {
    const file = freshFile();
    expect(await createRecentFiles({ file }).list()).toEqual([]);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps the newest first, moves a reopened file to the front, and stops at ten', async () => {
    const recent = createRecentFiles({ file: freshFile() });
    for (let i = 0; i < 12; i++) await recent.add(`/w/${i}.ts`);
    const list = await recent.list();
    expect(list).toHaveLength(10);
    expect(list[0]).toBe('/w/11.ts');
    expect(list.at(-1)).toBe('/w/2.ts');
    expect(await recent.add('/w/5.ts')).toEqual(['/w/5.ts', ...list.filter((f) => f !== '/w/5.ts')]);
  });

  it('persists across instances (a restart) in a private file', async () => {
    const file = freshFile();
    await createRecentFiles({ file }).add('/w/a.ts');
    await createRecentFiles({ file }).add('/w/b.ts');
    expect(await createRecentFiles({ file }).list()).toEqual(['/w/b.ts', '/w/a.ts']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, files: ['/w/b.ts', '/w/a.ts'] });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('loses none of several adds made at once', async () => {
    const recent = createRecentFiles({ file: freshFile() });
    await Promise.all(['/a.ts', '/b.ts', '/c.ts'].map((f) => recent.add(f)));
    expect((await recent.list()).sort()).toEqual(['/a.ts', '/b.ts', '/c.ts']);
  });

  it('reads a damaged or foreign file as empty, keeping only string paths, and repairs it on the next add', async () => {
    const file = freshFile();
    const recent = createRecentFiles({ file });
    await recent.add('/first.ts');
    for (const junk of ['{not json', '[]', '{"files": 3}', 'null']) {
      await writeFile(file, junk);
      expect(await recent.list()).toEqual([]);
    }
    await writeFile(file, JSON.stringify({ files: ['/ok.ts', 7, '', null, '/also.ts'] }));
    expect(await recent.list()).toEqual(['/ok.ts', '/also.ts']);
    await writeFile(file, '{not json');
    expect(await recent.add('/new.ts')).toEqual(['/new.ts']);
    expect(await recent.list()).toEqual(['/new.ts']);
  });

  it('rejects an add it cannot save, and later adds still work', async () => {
    const blocker = join(tmp, 'blocker');
    await writeFile(blocker, 'a file where the directory should be');
    const recent = createRecentFiles({ file: join(blocker, 'parascope', RECENT_FILE_NAME) });
    await expect(recent.add('/w.ts')).rejects.toThrow();
    await expect(recent.add('/w.ts')).rejects.toThrow();
    expect(await recent.list()).toEqual([]);
  });

  it('refuses a bad size with a TypeError naming the option', () => {
    expect(() => createRecentFiles({ file: freshFile(), max: 0 })).toThrow(
      new TypeError('host: options.max must be a positive integer'),
    );
  });
});
