// The session process on its own, spoken to over its protocol exactly as the runner does.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeChunk } from '../../src/shared/trace-chunk';
import type { FromSession, ToSession } from '../../src/shared/session-protocol';
import { waitForProcessGroup } from '../../src/main/session/process-group';
import { isRunning } from '../main/session/observe';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = join(root, 'src', 'workers', 'session-process.ts');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const fixture = (name: string): string => join(root, 'tests', 'fixtures', 'session', name);
const POOL_MAP = join(root, 'src', 'scenarios', 'pool-map.ts');

function startSession(detached = false): {
  child: ChildProcess;
  messages: FromSession[];
  outcome: Promise<FromSession>;
} {
  const child = fork(entry, [], {
    detached,
    execArgv: ['--import', tsx],
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const messages: FromSession[] = [];
  const outcome = new Promise<FromSession>((resolve) => {
    child.on('message', (m: FromSession) => {
      messages.push(m);
      if (m.type !== 'trace') resolve(m);
    });
  });
  return { child, messages, outcome };
}

type Start = Extract<ToSession, { type: 'start' }>;

const start = (module: string, scenario = 'pool-map', tracing = true): Start => ({
  type: 'start',
  scenario,
  module,
  params: { workers: 2 },
  checkParams: false,
  tracing,
});

/** Sends one request and answers the outcome once the process has exited 0. */
async function ask(request: ToSession, detached = false): Promise<FromSession> {
  const { child, outcome } = startSession(detached);
  const exited = once(child, 'exit');
  child.send(request);
  const answer = await outcome;
  expect(await exited).toEqual([0, null]);
  return answer;
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(os.tmpdir(), 'parascope-session-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('session process: start', () => {
  it('runs the module it is given, streams trace batches, sends done and exits 0', async () => {
    const { child, messages, outcome } = startSession();
    const exited = once(child, 'exit');
    child.send(start(POOL_MAP));
    const done = await outcome;
    expect(done).toMatchObject({ type: 'done', summary: { scenario: 'pool-map', ok: true, tasks: 8 } });
    expect(await exited).toEqual([0, null]);
    const traces = messages.filter((m) => m.type === 'trace');
    const events = traces.flatMap((m) => (m.type === 'trace' ? decodeChunk(m.chunk) : []));
    expect(events.filter((e) => e.type === 'task-end')).toHaveLength(8);
    // Batches as the pool made them: far fewer messages than events.
    expect(traces.length).toBeLessThan(events.length);
    // Nothing follows the outcome.
    expect(messages.at(-1)).toBe(done);
  });

  it('sends no trace messages when tracing is off, but still counts tasks', async () => {
    const { child, messages, outcome } = startSession();
    child.send(start(POOL_MAP, 'pool-map', false));
    expect(await outcome).toMatchObject({ type: 'done', summary: { tasks: 8 } });
    expect(messages.filter((m) => m.type === 'trace')).toEqual([]);
    await once(child, 'exit');
  });

  it('answers failed (not-found) for a module file that is not there', async () => {
    const answer = await ask(start(join(tmp, 'gone.ts'), 'gone'));
    expect(answer).toMatchObject({ type: 'failed', error: { code: 'not-found' } });
  });

  it('reports a task that throws with its remote stack and the line of the file it came from', async () => {
    const file = fixture('throws-in-task.ts');
    const failed = await ask(start(file, 'anything'));
    if (failed.type !== 'failed') return expect.unreachable('the task throws');
    expect(failed.error).toMatchObject({ code: 'workload-error', name: 'RangeError' });
    expect(failed.error.stack).toContain('explodeOnThree');
    expect(failed.error.message).toMatch(
      new RegExp(`three is not allowed \\(got 3\\) \\(at ${file}:\\d+:\\d+\\)$`),
    );
  });

  it('names the file and line where main threw', async () => {
    const file = fixture('throws-in-main.mjs');
    const failed = await ask(start(file, file));
    expect(failed).toMatchObject({
      type: 'failed',
      error: { code: 'workload-error', name: 'Error', message: `main gave up (at ${file}:4:9)` },
    });
  });

  it('checks a workload file’s params against its own declarations and fills in defaults', async () => {
    const file = fixture('declared.ts');
    const done = await ask({ ...start(file, file), params: { lock: true }, checkParams: true });
    const params = { workers: 2, unit: 0.5, lock: true, backend: 'process' };
    expect(done).toMatchObject({
      type: 'done',
      summary: { scenario: file, params, result: params, expected: params, ok: true },
    });
  });

  it('fails a workload file’s bad param with an error naming it, without running main', async () => {
    const file = fixture('declared.ts');
    const failed = await ask({ ...start(file, file), params: { backend: 'fork' }, checkParams: true });
    expect(failed).toMatchObject({
      type: 'failed',
      error: {
        code: 'invalid-payload',
        name: 'RangeError',
        message: 'parameter backend must be one of process, thread (got "fork")',
      },
    });
  });

  it('runs a CommonJS file whose main and expected value are on module.exports', async () => {
    const file = fixture('common.cjs');
    expect(await ask({ ...start(file, file), params: {}, checkParams: true })).toMatchObject({
      type: 'done',
      summary: { result: 42, expected: 42, ok: true, params: {} },
    });
  });

  it('counts the tasks that task-batch events stand for in the summary', async () => {
    const { child, messages, outcome } = startSession();
    child.send(start(fixture('big-map.ts'), 'big-map'));
    const done = await outcome;
    expect(done).toMatchObject({ type: 'done', summary: { result: 10_000, tasks: 10_000 } });
    const events = messages.flatMap((m) => (m.type === 'trace' ? decodeChunk(m.chunk) : []));
    // The premise: this run's trace did fold tasks into batches.
    expect(events.some((e) => e.type === 'task-batch')).toBe(true);
    await once(child, 'exit');
  });

  it('exits when its parent disconnects, taking its busy pool workers with it', async () => {
    // Detached, as the runner starts it: the session process leads its own process group.
    const { child, messages } = startSession(true);
    const busy = new Promise<number>((resolve) => {
      child.on('message', (m: FromSession) => {
        const started =
          m.type === 'trace' ? decodeChunk(m.chunk).find((e) => e.type === 'task-start') : undefined;
        if (started?.type === 'task-start') resolve(started.pid);
      });
    });
    child.send({ ...start(fixture('spin.ts'), 'spin'), params: { workers: 1 } });
    const workerPid = await busy;
    const exited = once(child, 'exit');
    child.disconnect();
    await exited;
    // The worker was SIGKILLed with its group but may still be tearing down; nothing signals
    // the death of a grandchild, so wait (bounded) for the group to empty, then check.
    await waitForProcessGroup(child.pid!, Date.now() + 1000);
    expect(isRunning(workerPid)).toBe(false);
    expect(messages.filter((m) => m.type !== 'trace')).toEqual([]);
  });
});

describe('session process: describe', () => {
  it('answers what a workload file declares, with optional fields filled in, without running it', async () => {
    const { child, messages, outcome } = startSession();
    let printed = '';
    child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.send({ type: 'describe', module: fixture('declared.ts') });
    expect(await outcome).toEqual({
      type: 'described',
      workload: {
        title: 'Declared parameters',
        purpose: 'Echoes the parameters it was given.',
        hasExpected: true,
        params: [
          { kind: 'int', name: 'workers', label: 'workers', default: 2, min: 1, max: 8 },
          { kind: 'number', name: 'unit', label: 'Time unit', default: 0.5, min: 0, max: 100, unit: 'ms' },
          { kind: 'bool', name: 'lock', label: 'Use the lock', default: false },
          {
            kind: 'enum',
            name: 'backend',
            label: 'Backend',
            options: ['process', 'thread'],
            default: 'process',
          },
        ],
      },
    });
    await once(child, 'close');
    // main never ran: it would have logged.
    expect(printed).not.toContain('declared:');
    expect(messages).toHaveLength(1);
  });

  it('titles a file without a title export by its name, and says when it has no expected', async () => {
    const answer = await ask({ type: 'describe', module: fixture('throws-in-main.mjs') });
    expect(answer).toEqual({
      type: 'described',
      workload: { title: 'throws-in-main.mjs', params: [], hasExpected: false },
    });
  });

  it('names the file and the bad entry of a wrong params export', async () => {
    const file = fixture('bad-params.ts');
    const answer = await ask({ type: 'describe', module: file });
    expect(answer).toMatchObject({
      type: 'failed',
      error: { name: 'TypeError', message: `${file}: params[0] (workers): default 0 is outside 1..8` },
    });
  });

  it('says what a file without main exports (not-found)', async () => {
    const file = fixture('no-main.ts');
    expect(await ask({ type: 'describe', module: file })).toMatchObject({
      type: 'failed',
      error: {
        code: 'not-found',
        message: `${file} does not export a main(ctx, params) function (it exports: notMain)`,
      },
    });
  });

  // Node 20 gives an ES module's syntax error no location; the others carry it in their own ways.
  it.each([
    ['bad.mjs', 'export function main() {\n  return 1 +;\n}\n', ':2', "Unexpected token ';'"],
    ['bad.cjs', 'exports.main = function () {\n  return 1 +;\n};\n', ':2', "Unexpected token ';'"],
    ['bad.js', 'export function main() {\n  return 1 +;\n}\n', ':2:13', 'Unexpected ";"'],
    [
      'bad.ts',
      'export function main(): number {\n  const x: number = ;\n  return x;\n}\n',
      ':2:21',
      'Unexpected ";"',
    ],
  ])(
    'reports a syntax error in %s with the file, line and the offending source',
    async (name, source, at, detail) => {
      const file = join(tmp, name);
      await writeFile(file, source);
      const answer = await ask({ type: 'describe', module: file });
      if (answer.type !== 'failed') return expect.unreachable('the file does not parse');
      expect(answer.error).toMatchObject({
        code: 'workload-error',
        name: 'SyntaxError',
        message: `syntax error at ${file}${at}: ${detail}`,
      });
      // The stack starts with the location and shows the line that does not parse.
      expect(answer.error.stack!.split('\n')[0]).toBe(`${file}${at}`);
      expect(answer.error.stack).toContain(source.split('\n')[1]!);
    },
  );
});
