/**
 * The benchmark harness, run for real on tiny sizes (`--tiny`): every probe process, the Python
 * peer, the probe build and the results file. Asserts structure only, never a speed: each case
 * is present in the order, measured numbers are finite and positive, ratios are
 * parascope / peer, and cases the runtime cannot run yet say so without numbers.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetMet } from '../../bench/harness/stats';
import { CASE_IDS, type BenchResults } from '../../bench/harness/types';

const root = join(import.meta.dirname, '..', '..');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const MEASURED = ['map-throughput', 'tracing-overhead', 'event-pipeline', 'sampler-cost'];

let dir: string;
let run: { code: number; stdout: string; stderr: string };
let results: BenchResults;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parascope-bench-test-'));
  const out = join(dir, 'results.json');
  run = await new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', tsx, join(root, 'bench', 'run.ts'), '--tiny', '--out', out],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
  results = JSON.parse(await readFile(out, 'utf8')) as BenchResults;
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run bench -- --tiny', () => {
  it('runs every measurable case without error', () => {
    const errors = results.cases.filter((c) => c.status === 'error').map((c) => `${c.id}: ${c.note}`);
    expect(errors).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('writes the machine it ran on', () => {
    const m = results.machine;
    expect(results.mode).toBe('tiny');
    expect(m.cpuModel).not.toBe('');
    expect(m.cores).toBeGreaterThan(0);
    expect(m.node).toBe(process.version);
    expect(m.python).toMatch(/^Python 3\./);
    expect(new Date(m.date).toISOString()).toBe(m.date);
    expect(m.os).not.toBe('');
  });

  it('lists every case of the issue, in order, with medians, ratio = parascope / peer and the target verdict', () => {
    expect(results.cases.map((c) => c.id)).toEqual([...CASE_IDS]);
    for (const c of results.cases.filter((row) => MEASURED.includes(row.id))) {
      expect(c.status, c.id).toBe('measured');
      expect(Number.isFinite(c.parascope) && c.parascope! > 0, c.id).toBe(true);
      if (c.peer === null) {
        expect(c.ratio, c.id).toBeNull();
      } else {
        expect(Number.isFinite(c.peer) && c.peer > 0, c.id).toBe(true);
        expect(c.ratio, c.id).toBeCloseTo(c.parascope! / c.peer, 12);
      }
      expect(c.met, c.id).toBe(targetMet(c.target, c.parascope, c.ratio));
      expect(c.unit, c.id).not.toBe('');
    }
    expect(results.cases.find((c) => c.id === 'map-throughput')?.peer).not.toBeNull();
    expect(results.cases.find((c) => c.id === 'sampler-cost')?.peer).not.toBeNull();
  });

  it('lists the cases the runtime cannot run yet without numbers', () => {
    const pending = results.cases.filter((c) => !MEASURED.includes(c.id));
    expect(pending.map((c) => c.id)).toEqual([
      'task-throughput',
      'lock-process',
      'lock-thread',
      'queue-throughput',
    ]);
    for (const c of pending) {
      expect(c).toMatchObject({
        status: 'not-yet-measurable',
        parascope: null,
        peer: null,
        ratio: null,
        met: null,
      });
      expect(c.note).toContain('not yet measurable');
    }
  });

  it('prints the table with every case and says the numbers are not meaningful', () => {
    expect(run.stdout).toContain('| case | Parascope | peer | ratio | target | met |');
    for (const id of CASE_IDS) expect(run.stdout).toContain(`| \`${id}\` |`);
    expect(run.stdout).toContain('tiny mode: proves the harness runs; the numbers mean nothing');
  });
});
