import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSessionRunner, SessionError } from '../../../src/main/session';
import { listScenarios } from '../../../src/scenarios/catalog';
import { WORKLOADS } from '../../fixtures/session/workloads';
import { busyWorkerPids, isRunning, recorder } from './observe';

const SQUARES = [1, 4, 9, 16, 25, 36, 49, 64];
const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'session');

/** A runner that also knows the test workloads and keeps their output. */
function testRunner() {
  const output: { line: string; stream: string }[] = [];
  const lineWaiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const runner = createSessionRunner({
    workloads: WORKLOADS,
    onOutput: (line, source) => {
      output.push({ line, stream: source.stream });
      for (const w of [...lineWaiters]) {
        const match = w.pattern.exec(line);
        if (match) {
          lineWaiters.splice(lineWaiters.indexOf(w), 1);
          w.resolve(match);
        }
      }
    },
  });
  const waitForLine = (pattern: RegExp): Promise<RegExpMatchArray> =>
    new Promise((resolve) => lineWaiters.push({ pattern, resolve }));
  return { runner, output, waitForLine };
}

describe('createSessionRunner', () => {
  it('lists the public catalog only', () => {
    const { runner } = testRunner();
    expect(runner.list()).toEqual(listScenarios());
    expect(runner.list().map((s) => s.id)).not.toContain('test-spin');
  });

  it('runs pool-map in a session process and reports trace, summary and statuses', async () => {
    const { runner } = testRunner();
    const rec = recorder();
    const handle = runner.start({ scenario: 'pool-map', params: { workers: 2 } }, rec);
    expect(handle.scenario).toBe('pool-map');

    const summary = await handle.done;
    expect(summary).toMatchObject({
      scenario: 'pool-map',
      params: { workers: 2 },
      result: SQUARES,
      expected: SQUARES,
      ok: true,
      tasks: 8,
    });
    expect(summary.workers).toBeGreaterThanOrEqual(1);
    expect(summary.workers).toBeLessThanOrEqual(2);
    expect(summary.durationMs).toBeGreaterThan(0);

    expect(rec.statuses.map((s) => s.state)).toEqual(['running', 'finished']);
    expect(rec.statuses.every((s) => s.sessionId === handle.sessionId && s.scenario === 'pool-map')).toBe(
      true,
    );
    expect(rec.statuses[1]!.summary).toEqual(summary);

    // Every task's submit, start and end arrived before the final status; batched, not one per event.
    const count = (type: string) => rec.events.filter((e) => e.type === type).length;
    expect([count('task-submit'), count('task-start'), count('task-end')]).toEqual([8, 8, 8]);
    expect(rec.batches).toBeLessThan(rec.events.length);
    // Batches reach the observer packed, as the session process sent them (never decoded on the way).
    expect(rec.notChunks).toBe(0);
    expect(new Set(busyWorkerPids(rec.events)).size).toBe(summary.workers);

    // Start and end on the trace clock frame every event: the timeline's time zero and end.
    const [running, finished] = rec.statuses;
    expect(running!.endedUs).toBeUndefined();
    expect(finished!.startedUs).toBe(running!.startedUs);
    const times = rec.events.map((e) => e.ts);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(running!.startedUs);
    expect(finished!.endedUs).toBeGreaterThanOrEqual(Math.max(...times));
  });

  it('fills in defaults and still counts tasks when tracing is off', async () => {
    const { runner } = testRunner();
    const rec = recorder();
    const summary = await runner.start({ scenario: 'pool-map', params: {}, tracing: false }, rec).done;
    expect(summary.params).toEqual({ workers: 2 });
    expect(summary.tasks).toBe(8);
    expect(rec.events).toEqual([]);
  });

  it('gives every session its own random id', () => {
    const { runner } = testRunner();
    const a = runner.start({ scenario: 'test-wrong-answer', params: {} }, recorder());
    const b = runner.start({ scenario: 'test-wrong-answer', params: {} }, recorder());
    expect(a.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.sessionId).not.toBe(b.sessionId);
    return Promise.all([a.done, b.done]);
  });

  describe('validates start requests synchronously', () => {
    const { runner } = testRunner();
    const start = (scenario: string, params: Record<string, number>) => () =>
      runner.start({ scenario, params }, recorder());

    it('rejects an unknown scenario, listing the valid ids', () => {
      expect(start('pool-mapp', {})).toThrow(TypeError);
      expect(start('pool-mapp', {})).toThrow('unknown scenario "pool-mapp"; did you mean "pool-map"?');
      expect(start('zzz', {})).toThrow(/^unknown scenario "zzz"; valid scenarios: pool-map, /);
    });

    it('rejects an unknown parameter by name', () => {
      expect(start('pool-map', { wrokers: 2 })).toThrow(TypeError);
      expect(start('pool-map', { wrokers: 2 })).toThrow(
        /unknown parameter "wrokers".*valid parameters: workers/,
      );
    });

    it('rejects values outside the range or not integers, naming the parameter and range', () => {
      for (const workers of [0, 65, 1.5, Number.NaN]) {
        expect(start('pool-map', { workers })).toThrow(RangeError);
        expect(start('pool-map', { workers })).toThrow(/parameter workers must be an integer from 1 to 64/);
      }
    });
  });

  it('stop() kills the whole process tree and resolves within a second', async () => {
    const { runner, waitForLine } = testRunner();
    const rec = recorder();
    const pidLine = waitForLine(/^session pid (\d+)$/);
    const handle = runner.start({ scenario: 'test-spin', params: { workers: 2 } }, rec);
    const sessionPid = Number((await pidLine)[1]);
    await rec.until((events) => busyWorkerPids(events).length === 2);
    const pids = [sessionPid, ...busyWorkerPids(rec.events)];
    expect(pids.every(isRunning)).toBe(true);

    const t0 = performance.now();
    await handle.stop();
    expect(performance.now() - t0).toBeLessThan(1000);

    expect(pids.filter(isRunning)).toEqual([]);
    const final = await rec.final;
    expect(final.state).toBe('stopped');
    await expect(handle.done).rejects.toMatchObject({ name: 'AbortError' });
    // Stopping again is harmless.
    await handle.stop();
    expect(rec.statuses.map((s) => s.state)).toEqual(['running', 'stopped']);
    // A cut-off task is drawn up to the end: it is after everything the workers reported.
    expect(final.endedUs).toBeGreaterThanOrEqual(Math.max(...rec.events.map((e) => e.ts)));
  });

  it('reports a task that throws in a worker as failed, with the remote stack', async () => {
    const { runner } = testRunner();
    const rec = recorder();
    const handle = runner.start({ scenario: 'test-throws-in-task', params: { workers: 1 } }, rec);
    const error = await handle.done.then(
      () => expect.unreachable('the workload should fail'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SessionError);
    const data = (error as SessionError).data;
    expect(data).toMatchObject({ code: 'workload-error', name: 'RangeError' });
    expect(data.message).toContain('three is not allowed (got 3)');
    // …and the line of the workload's file the error came from.
    expect(data.message).toMatch(/\(at .*throws-in-task\.ts:\d+:\d+\)$/);
    expect(data.stack).toContain('explodeOnThree');
    expect(data.stack).toContain('throws-in-task.ts');
    const final = await rec.final;
    expect(final).toMatchObject({ state: 'failed', error: data });
  });

  it('reports a session process that dies without a result, naming the exit code and its last words', async () => {
    const { runner, output } = testRunner();
    const rec = recorder();
    await runner.start({ scenario: 'test-exits', params: {} }, rec).done.catch(() => undefined);
    const final = await rec.final;
    expect(final.state).toBe('failed');
    expect(final.error).toMatchObject({ code: 'worker-died' });
    expect(final.error!.message).toContain('exited with code 3');
    expect(final.error!.stack).toContain('fatal: simulated crash');
    expect(output).toContainEqual({ line: 'about to exit', stream: 'stdout' });
  });

  it('reports a session process killed from outside, naming the signal', async () => {
    const { runner, waitForLine } = testRunner();
    const rec = recorder();
    const pidLine = waitForLine(/^session pid (\d+)$/);
    const handle = runner.start({ scenario: 'test-spin', params: { workers: 1 } }, rec);
    await rec.until((events) => busyWorkerPids(events).length === 1);
    const workerPid = busyWorkerPids(rec.events)[0]!;
    process.kill(Number((await pidLine)[1]), 'SIGKILL');
    const final = await rec.final;
    expect(final.state).toBe('failed');
    expect(final.error!.message).toContain('killed by signal SIGKILL');
    // Its orphaned pool worker went with it.
    expect(isRunning(workerPid)).toBe(false);
    await expect(handle.done).rejects.toBeInstanceOf(SessionError);
  });

  it('forwards workload output line by line and reports a wrong result as ok: false', async () => {
    const { runner, output } = testRunner();
    const summary = await runner.start({ scenario: 'test-wrong-answer', params: {} }, recorder()).done;
    expect(summary).toMatchObject({
      result: [1, 2, 3],
      expected: [1, 2, 4],
      ok: false,
      tasks: 0,
      workers: 0,
    });
    expect(output).toContainEqual({ line: 'hello from the workload', stream: 'stdout' });
    expect(output).toContainEqual({ line: 'a warning on stderr', stream: 'stderr' });
  });

  it('fails a module without main as not-found', async () => {
    const { runner } = testRunner();
    const rec = recorder();
    await runner.start({ scenario: 'test-no-main', params: {} }, rec).done.catch(() => undefined);
    const final = await rec.final;
    expect(final.error).toMatchObject({ code: 'not-found' });
    expect(final.error!.message).toContain('does not export a main(ctx, params) function');
  });

  it('rejects a request naming both a scenario and a file, or neither', () => {
    const { runner } = testRunner();
    const both = { scenario: 'pool-map', file: join(fixtures, 'declared.ts'), params: {} };
    expect(() => runner.start(both as never, recorder())).toThrow(
      'SessionRunner.start: give either scenario (an id) or file (a path), not both',
    );
    expect(() => runner.start({ params: {} } as never, recorder())).toThrow(TypeError);
  });
});

describe('createSessionRunner: workload files', () => {
  it('runs a file by its path relative to cwd, with its declared defaults, and reports it by absolute path', async () => {
    const runner = createSessionRunner({ cwd: fixtures, onOutput: () => {} });
    const rec = recorder();
    const file = join(fixtures, 'declared.ts');
    const handle = runner.start({ file: './declared.ts', params: { workers: 3, backend: 'thread' } }, rec);
    expect(handle.scenario).toBe(file);
    const params = { workers: 3, unit: 0.5, lock: false, backend: 'thread' };
    expect(await handle.done).toMatchObject({ scenario: file, params, result: params, ok: true });
    expect(rec.statuses.map((s) => [s.state, s.scenario])).toEqual([
      ['running', file],
      ['finished', file],
    ]);
  });

  it('refuses a missing file or a wrong extension synchronously (TypeError), starting nothing', () => {
    const runner = createSessionRunner({ cwd: fixtures });
    expect(() => runner.start({ file: 'nope.ts', params: {} }, recorder())).toThrow(
      `no workload file at ${join(fixtures, 'nope.ts')}`,
    );
    expect(() => runner.start({ file: 'README.md', params: {} }, recorder())).toThrow(
      /must end in \.js, \.mjs, \.cjs, \.ts/,
    );
  });

  it("fails the session when a file's param is not one it declares, naming it", async () => {
    const runner = createSessionRunner({ cwd: fixtures, onOutput: () => {} });
    const rec = recorder();
    await runner.start({ file: 'declared.ts', params: { threads: 2 } }, rec).done.catch(() => undefined);
    expect((await rec.final).error).toMatchObject({
      code: 'invalid-payload',
      name: 'TypeError',
      message: expect.stringMatching(
        /^unknown parameter "threads" for scenario .*declared\.ts; valid parameters: workers, unit, lock, backend$/,
      ),
    });
  });
});
