import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliDeps } from '../../../src/main/cli/main';
import { createSessionRunner } from '../../../src/main/session';
import type { RunSummary } from '../../../src/shared/scenarios';
import { TRACE_FILE_SCHEMA, TRACE_SCHEMA_VERSION, type TraceFile } from '../../../src/shared/trace-schema';
import { WORKLOADS } from '../../fixtures/session/workloads';
import { capture, lines } from './capture';

const SQUARES = [1, 4, 9, 16, 25, 36, 49, 64];
/** The real services, plus the test workloads for `run`. */
const withFixtures: Partial<CliDeps> = {
  createSessionRunner: (options) => createSessionRunner({ ...options, workloads: WORKLOADS }),
};

async function cli(argv: string[], deps: Partial<CliDeps> = {}) {
  const c = capture(new AbortController().signal);
  const code = await runCli(argv, c.io, deps);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(os.tmpdir(), 'parascope-cli-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('parascope help and version', () => {
  it('prints general help for --help, -h, help and no arguments', async () => {
    for (const argv of [['--help'], ['-h'], ['help'], []]) {
      const r = await cli(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: parascope <command>/);
      for (const name of ['topology', 'monitor', 'scenarios', 'run', 'serve'])
        expect(r.stdout).toContain(`  ${name} `);
    }
  });

  it("prints a command's help for 'help run' and 'run --help'", async () => {
    for (const argv of [
      ['help', 'run'],
      ['run', '--help'],
      ['run', 'pool-map', '-h'],
    ]) {
      const r = await cli(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: parascope run <scenario> \[flags\]/);
      expect(r.stdout).toContain('--trace FILE');
    }
  });

  it('prints the package version', async () => {
    const r = await cli(['--version']);
    expect(r).toEqual({ code: 0, stdout: 'parascope 0.1.0\n', stderr: '' });
  });
});

describe('parascope topology', () => {
  it('prints lscpu-style text with a per-CPU table', async () => {
    const r = await cli(['topology']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Architecture: +\S+/);
    expect(r.stdout).toMatch(new RegExp(`^CPU\\(s\\): +${os.cpus().length}$`, 'm'));
    expect(r.stdout).toMatch(/^CPU NODE SOCKET CORE L1d:L1i:L2:L3 ONLINE$/m);
  });

  it('prints the Topology JSON with --json', async () => {
    const r = await cli(['topology', '--json']);
    expect(r.code).toBe(0);
    const topology = JSON.parse(r.stdout) as { cpus: number; perCpu: unknown[] };
    expect(topology.cpus).toBe(os.cpus().length);
    expect(topology.perCpu).toHaveLength(topology.cpus);
  });
});

describe('parascope scenarios', () => {
  it('lists ids, titles and parameters', async () => {
    const r = await cli(['scenarios']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^pool-map {2}Pool\.map: squares$/m);
    expect(r.stdout).toContain('--param workers=N  Worker processes (integer 1–64, default 2)');
  });

  it('shows how to set parameters of every kind', async () => {
    const info = {
      id: 'demo',
      title: 'Demo',
      purpose: 'Shows parameters.',
      params: [
        {
          kind: 'number' as const,
          name: 'unit',
          label: 'Time unit',
          default: 1,
          min: 0.1,
          max: 50,
          unit: 'ms',
        },
        {
          kind: 'bool' as const,
          name: 'lock',
          label: 'Use the lock',
          default: true,
          help: 'Guards the counter.',
        },
        {
          kind: 'enum' as const,
          name: 'backend',
          label: 'Backend',
          options: ['process', 'thread'],
          default: 'process',
        },
      ],
    };
    const runner = createSessionRunner({});
    const r = await cli(['scenarios'], { createSessionRunner: () => ({ ...runner, list: () => [info] }) });
    expect(lines(r.stdout)).toEqual([
      'demo  Demo',
      '    Shows parameters.',
      '    --param unit=X  Time unit (number 0.1–50 ms, default 1)',
      '    --param lock=true|false  Use the lock (true or false, default true) Guards the counter.',
      '    --param backend=process|thread  Backend (one of process, thread, default process)',
    ]);
  });

  it('prints the ScenarioInfo list with --json', async () => {
    const r = await cli(['scenarios', '--json']);
    const list = JSON.parse(r.stdout) as { id: string; params: { name: string }[] }[];
    expect(list.find((s) => s.id === 'pool-map')?.params.map((p) => p.name)).toEqual(['workers']);
  });
});

describe('parascope monitor', () => {
  it('prints {hz, cpus, samples:[{t, load}]} with --json', async () => {
    const r = await cli(['monitor', '--seconds', '0.3', '--hz', '10', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      hz: number;
      cpus: number;
      samples: { t: number; load: number[] }[];
    };
    expect(Object.keys(report)).toEqual(['hz', 'cpus', 'samples']);
    expect(report.hz).toBe(10);
    expect(report.cpus).toBe(os.cpus().length);
    // 0.3 s at 10 Hz is exactly 3 samples, however the last one and the clock race.
    expect(report.samples).toHaveLength(3);
    let last = 0;
    for (const sample of report.samples) {
      expect(Object.keys(sample)).toEqual(['t', 'load']);
      expect(sample.t).toBeGreaterThanOrEqual(last);
      last = sample.t;
      expect(sample.load).toHaveLength(report.cpus);
      for (const load of sample.load) {
        expect(load).toBeGreaterThanOrEqual(0);
        expect(load).toBeLessThanOrEqual(100);
      }
    }
  });

  it('prints one line per sample without --json, and stops on interrupt', async () => {
    const controller = new AbortController();
    const c = capture(controller.signal);
    const running = runCli(['monitor', '--hz', '20'], c.io);
    await c.waitFor(/total.*\n.*total/);
    controller.abort();
    expect(await running).toBe(0);
    for (const line of lines(c.stdout()))
      expect(line).toMatch(/^ +\d+\.\d\ds {2}total +\d+\.\d%( +\d+\.\d)+$/);
  });
});

describe('parascope run', () => {
  it('prints a human summary and exits 0 when the result is right', async () => {
    const r = await cli(['run', 'pool-map']);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toBe('scenario  pool-map  Pool.map: squares  (workers=2)');
    expect(out).toContain(`result    ${JSON.stringify(SQUARES)}`);
    expect(out).toContain(`expected  ${JSON.stringify(SQUARES)}`);
    expect(out).toContain('ok        yes');
    expect(out).toContain('tasks     8');
    expect(r.stdout).toMatch(/^duration {2}\d+\.\d ms$/m);
    expect(r.stdout).toMatch(/^workers {3}[12]$/m);
  });

  it('prints exactly the RunSummary with --json, and writes every event with --trace', async () => {
    const file = join(tmp, 'trace.json');
    const r = await cli(['run', 'pool-map', '--workers', '3', '--json', '--trace', file]);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as RunSummary;
    expect(Object.keys(summary).sort()).toEqual(
      ['durationMs', 'expected', 'insights', 'ok', 'params', 'result', 'scenario', 'tasks', 'workers'].sort(),
    );
    expect(summary).toMatchObject({
      scenario: 'pool-map',
      params: { workers: 3 },
      result: SQUARES,
      ok: true,
      tasks: 8,
    });

    const trace = JSON.parse(await readFile(file, 'utf8')) as TraceFile;
    expect(trace).toMatchObject({
      schema: TRACE_FILE_SCHEMA,
      version: TRACE_SCHEMA_VERSION,
      scenario: 'pool-map',
    });
    const ids = (type: string) =>
      trace.events.flatMap((e) => (e.type === type && 'taskId' in e ? [e.taskId] : [])).sort();
    expect(ids('task-submit')).toHaveLength(8);
    expect(ids('task-start')).toEqual(ids('task-submit'));
    expect(ids('task-end')).toEqual(ids('task-submit'));
    expect(trace.events.every((e) => typeof e.ts === 'number')).toBe(true);
  });

  it('exits 1 when the result differs from the expectation, with workload output on stderr', async () => {
    const r = await cli(['run', 'test-wrong-answer'], withFixtures);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ok        NO');
    expect(lines(r.stderr)).toEqual(
      expect.arrayContaining(['hello from the workload', 'a warning on stderr']),
    );
  });

  it('exits 1 when the workload fails, printing the error and the remote stack', async () => {
    const r = await cli(['run', 'test-throws-in-task', '--json'], withFixtures);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)[0]).toMatch(
      /^parascope: test-throws-in-task failed: RangeError: three is not allowed \(got 3\) \(at \S+throws-in-task\.ts:\d+:\d+\)$/,
    );
    expect(r.stderr).toContain('explodeOnThree');
  });

  it('stops the session on interrupt and exits 130', async () => {
    const controller = new AbortController();
    const c = capture(controller.signal);
    const running = runCli(['run', 'test-spin', '--workers', '1'], c.io, withFixtures);
    await c.waitFor(/^session pid \d+$/m);
    controller.abort();
    expect(await running).toBe(130);
    expect(c.stderr()).toContain('parascope: test-spin stopped');
  });
});

describe('parascope serve', () => {
  it('serves the renderer at the printed URL until interrupted', async () => {
    const rendererDir = join(tmp, 'renderer');
    await rm(rendererDir, { recursive: true, force: true });
    await mkdir(rendererDir);
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>test renderer</title>');
    const opened: string[] = [];
    const controller = new AbortController();
    const c = capture(controller.signal);
    const running = runCli(['serve', '--port', '0', '--open'], c.io, {
      rendererDir,
      openUrl: (url) => opened.push(url),
    });
    const [url] = await c.waitFor(/http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/);
    expect(opened).toEqual([url]);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('test renderer');
    expect((await fetch(url.replace(/\?token=.*/, ''))).status).toBe(401);
    controller.abort();
    expect(await running).toBe(0);
  });

  it('warns when listening beyond loopback', async () => {
    const rendererDir = join(tmp, 'renderer');
    const controller = new AbortController();
    const c = capture(controller.signal);
    const running = runCli(['serve', '--host', '0.0.0.0'], c.io, { rendererDir });
    await c.waitFor(/running at/);
    controller.abort();
    expect(await running).toBe(0);
    expect(c.stderr()).toMatch(/warning.*0\.0\.0\.0/);
  });

  it('says in one line that the renderer must be built first', async () => {
    const r = await cli(['serve'], { rendererDir: join(tmp, 'not-built') });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'parascope: the renderer is not built: run `npm run build` first\n',
    });
  });
});

describe('command-line mistakes: exit 2 and exactly one line on stderr', () => {
  const cases: [string[], string | RegExp][] = [
    [['rn'], "parascope: unknown command 'rn' (did you mean run?); see 'parascope --help'"],
    [['frobnicate'], "parascope: unknown command 'frobnicate'; see 'parascope --help'"],
    [['--wat'], /^parascope: unknown flag --wat; a command comes first/],
    [
      ['run', 'pool-map', '--wrokers', '3'],
      "parascope: unknown flag --wrokers for 'run' (did you mean --workers?)",
    ],
    [['topology', '--jsn'], "parascope: unknown flag --jsn for 'topology' (did you mean --json?)"],
    [['run'], "parascope: missing <scenario> for 'run'; see 'parascope run --help'"],
    [['topology', 'extra'], "parascope: unexpected argument 'extra' for 'topology'"],
    [
      ['run', 'pool-map', '--workers', 'two'],
      "parascope: bad value for --workers: expected an integer (got 'two')",
    ],
    [['run', 'pool-map', '--trace'], /^parascope: missing value for --trace in 'run'/],
    [
      ['run', 'pool-map', '--param', 'workers'],
      "parascope: bad value for --param: expected NAME=VALUE (got 'workers')",
    ],
    [
      ['run', 'pool-map', '--param', 'workers=two'],
      "parascope: bad value for --param workers: expected an integer from 1 to 64 (got 'two')",
    ],
    [
      ['run', 'pool-map', '--backend', 'thread'],
      "parascope: --backend: pool-map has no backend parameter (see 'parascope scenarios')",
    ],
    [
      ['run', 'pool-map', '--backend', 'fork'],
      "parascope: bad value for --backend: expected process or thread (got 'fork')",
    ],
    [
      ['run', './no-such-workload.ts'],
      `parascope: no workload file at ${join(process.cwd(), 'no-such-workload.ts')}`,
    ],
    [['run', './README.md'], /^parascope: workload file must end in \.js, \.mjs, \.cjs, \.ts \(got /],
    [
      ['run', 'tests/fixtures/session/declared.ts', '--param', 'backend=fork'],
      "parascope: bad value for --param backend: expected one of process, thread (got 'fork')",
    ],
    [
      ['run', 'pool-mapp'],
      'parascope: unknown scenario "pool-mapp"; did you mean "pool-map"? (`parascope scenarios` lists them all)',
    ],
    [['run', 'zzz'], /^parascope: unknown scenario "zzz"; valid scenarios: pool-map, pool-map-sleep, /],
    [
      ['run', 'pool-map', '--workers', '0'],
      "parascope: bad value for --workers: expected an integer from 1 to 64 (got '0')",
    ],
    [
      ['run', 'pool-map', '--param', 'threads=2'],
      /^parascope: unknown parameter "threads" for scenario pool-map/,
    ],
    [['run', 'pool-map', '--json=1'], "parascope: flag --json of 'run' takes no value"],
    [['monitor', '--hz', '0'], "parascope: bad value for --hz: expected an integer >= 1 and <= 50 (got '0')"],
    [
      ['monitor', '--seconds', '-1'],
      /^parascope: bad value for --seconds: expected a number > 0 and <= 3600/,
    ],
    [['serve', '--port', '70000'], /^parascope: bad value for --port: expected an integer >= 0 and <= 65535/],
    [['help', 'nope'], /^parascope: unknown command 'nope'/],
  ];
  it.each(cases)('%j', async (argv, expected) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    if (typeof expected === 'string') expect(r.stderr).toBe(`${expected}\n`);
    else expect(r.stderr).toMatch(expected);
  });
});
