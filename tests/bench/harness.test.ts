/**
 * The benchmark harness, run for real on tiny sizes (`--tiny`): every probe process, the Python
 * and piscina peers, the probe build and the results file. Asserts structure only, never a
 * speed: each case is present in the order and measured, its numbers are finite and
 * positive, and ratios are parascope / peer (per part for cases with parts).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetMet } from '../../bench/harness/stats';
import { CASE_IDS, type BenchResults, type CaseResult } from '../../bench/harness/types';

const root = join(import.meta.dirname, '..', '..');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function expectPositive(value: number | null, what: string): void {
  expect(Number.isFinite(value) && value! > 0, what).toBe(true);
}

/** A measured row's numbers: medians positive, ratio = parascope / peer, verdict consistent. */
function expectMeasured(c: CaseResult): void {
  expect(c.status, c.id).toBe('measured');
  expect(c.unit, c.id).not.toBe('');
  expectPositive(c.parascope, c.id);
  if (c.parts) {
    expect(c.parts.length, c.id).toBeGreaterThan(0);
    for (const p of c.parts) {
      const what = `${c.id} ${p.label}`;
      expectPositive(p.parascope, what);
      expectPositive(p.peer, what);
      expect(p.ratio, what).toBeCloseTo(p.parascope / p.peer, 12);
      expect(p.met, what).toBe(targetMet(p.target, p.parascope, p.ratio));
    }
    expect(c.parascope, c.id).toBe(c.parts[0]!.parascope);
    expect(c.met, c.id).toBe(c.parts.every((p) => p.met));
    return;
  }
  if (c.peer === null) {
    expect(c.ratio, c.id).toBeNull();
  } else {
    expectPositive(c.peer, c.id);
    expect(c.ratio, c.id).toBeCloseTo(c.parascope! / c.peer, 12);
  }
  expect(c.met, c.id).toBe(targetMet(c.target, c.parascope, c.ratio));
}

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
    for (const c of results.cases) expectMeasured(c);
    for (const id of ['map-throughput', 'sampler-cost', 'queue-throughput'] as const) {
      expect(results.cases.find((c) => c.id === id)?.peer, id).not.toBeNull();
    }
  });

  it('compares each case with every peer and workload the issue names, one part each', () => {
    const labels = (id: string): string[] | undefined =>
      results.cases.find((c) => c.id === id)?.parts?.map((p) => `${p.label} (${p.unit})`);
    expect(labels('task-throughput')).toEqual(['vs Python (tasks/s)', 'vs piscina (tasks/s)']);
    expect(labels('tracing-overhead')).toEqual(['map half (items/s)', 'task half (tasks/s)']);
    for (const id of ['lock-process', 'lock-thread']) {
      expect(labels(id), id).toEqual([
        'uncontended (µs per lock+increment)',
        'contended (µs per lock+increment)',
      ]);
    }
  });

  it('prints the table with every case and says the numbers are not meaningful', () => {
    expect(run.stdout).toContain('| case | Parascope | peer | ratio | target | met |');
    for (const id of CASE_IDS) expect(run.stdout).toMatch(new RegExp(`\\| \`${id}\`( [^|]+)? \\|`));
    expect(run.stdout).toContain('tiny mode: proves the harness runs; the numbers mean nothing');
  });
});
