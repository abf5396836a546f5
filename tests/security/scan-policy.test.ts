/**
 * The static scan's gate: findings are accepted only by a row of the "Scan findings we
 * accept" table (check id + file), everything else fails the run. The policy functions are
 * tested directly; the runner is run for real on a tiny built app (it needs the tooling
 * package: `npm ci --prefix tooling/electronegativity`).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatFinding,
  parseAcceptedFindings,
  reviewFindings,
} from '../../tooling/electronegativity/accepted.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const table = (rows: string[]): string =>
  [
    '# Security',
    '',
    '| Some | other | table |',
    '| --- | --- | --- |',
    '| NOT_A_ROW | x | y |',
    '',
    '## Scan findings we accept',
    '',
    '| Check | File | Reason |',
    '| ----- | ---- | ------ |',
    ...rows,
    '',
    '## Next section',
    '',
    '| LATER_CHECK | a.js | not part of the table |',
  ].join('\n');

describe('parseAcceptedFindings', () => {
  it('reads the rows of the accepted-findings table only, backticks and escaped pipes included', () => {
    const { rows, problems } = parseAcceptedFindings(
      table([
        '| CSP_GLOBAL_CHECK | renderer/index.html | `script-src` is fine \\| really |',
        '| `OPEN_EXTERNAL_JS_CHECK` | `app/x.js` | guarded |',
      ]),
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        check: 'CSP_GLOBAL_CHECK',
        file: 'renderer/index.html',
        reason: '`script-src` is fine | really',
        line: 11,
      },
      { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'app/x.js', reason: 'guarded', line: 12 },
    ]);
  });

  it('reports rows without a reason or with a bad check id, and accepts nothing from them', () => {
    const { rows, problems } = parseAcceptedFindings(
      table([
        '| CSP_GLOBAL_CHECK | renderer/index.html |  |',
        '| csp check | a.js | because |',
        '| ONLY_TWO | cells |',
      ]),
    );
    expect(rows).toEqual([]);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^docs\/SECURITY\.md:11: malformed row/);
  });

  it('reports a missing section', () => {
    expect(parseAcceptedFindings('# Security\n\nNothing here.\n')).toEqual({
      rows: [],
      problems: ['no "Scan findings we accept" section'],
    });
  });

  it('parses the project’s own table without problems', async () => {
    const { rows, problems } = parseAcceptedFindings(
      await readFile(path.join(root, 'docs/SECURITY.md'), 'utf8'),
    );
    expect(problems).toEqual([]);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.reason.length).toBeGreaterThan(40);
  });
});

describe('reviewFindings', () => {
  const finding = (id: string, file: string) => ({
    id,
    file,
    location: { line: 1, column: 2 },
    description: 'd',
  });

  it('accepts a finding only when a row names both its check and its file', () => {
    const rows = [
      { check: 'SANDBOX_JS_CHECK', file: 'app/window.js' },
      { check: 'AUXCLICK_JS_CHECK', file: 'app/other.js' },
    ];
    const issues = [
      finding('SANDBOX_JS_CHECK', 'app/window.js'),
      finding('SANDBOX_JS_CHECK', 'app/window.js'),
      finding('SANDBOX_JS_CHECK', 'app/evil.js'),
      finding('AUXCLICK_JS_CHECK', 'app/window.js'),
    ];
    const review = reviewFindings(issues, rows);
    expect(review.accepted.map((a) => a.issue)).toEqual([issues[0], issues[1]]);
    expect(review.unexplained).toEqual([issues[2], issues[3]]);
    expect(review.stale).toEqual([rows[1]]);
  });

  it('formats a finding as check, file:line:column and description', () => {
    expect(formatFinding(finding('SANDBOX_JS_CHECK', 'app/window.js'))).toBe(
      'SANDBOX_JS_CHECK app/window.js:1:2 (d)',
    );
  });
});

describe('scan.mjs on a built app', () => {
  let dir: string;

  /** Runs the scanner on `out` with an accepted table holding `rows`. */
  async function scan(
    name: string,
    rows: string[],
  ): Promise<{ code: number | null; stdout: string; stderr: string; report: string }> {
    const accepted = path.join(dir, `${name}.md`);
    const report = path.join(dir, `${name}.sarif`);
    await writeFile(accepted, table(rows));
    const child = spawn(
      process.execPath,
      [
        'tooling/electronegativity/scan.mjs',
        '--input',
        path.join(dir, 'out'),
        '--report',
        report,
        '--accepted',
        accepted,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, stdout, stderr, report };
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'parascope-scan-test-'));
    await mkdir(path.join(dir, 'out', 'app'), { recursive: true });
    await mkdir(path.join(dir, 'out', 'preload'), { recursive: true });
    await mkdir(path.join(dir, 'out', 'renderer'), { recursive: true });
    // A hardened app with two deliberate findings: an unsandboxed window, and openExternal
    // in the CommonJS preload (which the scanner skips unless the runner stages it).
    await writeFile(
      path.join(dir, 'out', 'app', 'main.js'),
      [
        "const { app, BrowserWindow, session } = require('electron');",
        "app.on('web-contents-created', (_e, contents) => {",
        "  contents.on('will-navigate', (event) => event.preventDefault());",
        "  contents.setWindowOpenHandler(() => ({ action: 'deny' }));",
        '});',
        'session.defaultSession.setPermissionRequestHandler((_c, _p, callback) => callback(false));',
        "const win = new BrowserWindow({ webPreferences: { contextIsolation: true, sandbox: false, disableBlinkFeatures: 'Auxclick' } });",
        "win.loadURL('app://parascope/index.html');",
      ].join('\n'),
    );
    await writeFile(
      path.join(dir, 'out', 'preload', 'index.cjs'),
      "require('electron').shell.openExternal(process.argv[2]);\n",
    );
    await writeFile(
      path.join(dir, 'out', 'renderer', 'index.html'),
      `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><title>x</title>`,
    );
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fails on an unexplained finding and on a stale row, and passes once every finding is justified', async () => {
    const [partly, fully] = await Promise.all([
      scan('partly', [
        '| SANDBOX_JS_CHECK | app/main.js | the window shows no content |',
        '| WEB_SECURITY_JS_CHECK | app/main.js | left over from an old finding |',
      ]),
      scan('fully', [
        '| SANDBOX_JS_CHECK | app/main.js | the window shows no content |',
        '| OPEN_EXTERNAL_JS_CHECK | preload/index.cjs | the URL is checked |',
      ]),
    ]);

    expect(partly.code).toBe(1);
    expect(partly.stderr).toContain('unexplained finding: OPEN_EXTERNAL_JS_CHECK preload/index.cjs:1:0');
    expect(partly.stderr).not.toContain('unexplained finding: SANDBOX_JS_CHECK');
    expect(partly.stderr).toContain(
      'accepts WEB_SECURITY_JS_CHECK in app/main.js, which the scan no longer finds',
    );
    const sarif = JSON.parse(await readFile(partly.report, 'utf8')) as {
      runs: { results: { ruleId: string }[] }[];
    };
    expect(sarif.runs[0]?.results.map((r) => r.ruleId).sort()).toEqual([
      'OPEN_EXTERNAL_JS_CHECK',
      'SANDBOX_JS_CHECK',
    ]);

    expect(fully.stderr).toBe('');
    expect(fully.code).toBe(0);
    expect(fully.stdout).toContain('2 finding(s), each justified');
  });
});
