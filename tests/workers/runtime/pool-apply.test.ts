import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { TaskEndEvent, TaskStartEvent } from '../../../src/shared/trace-schema';
import { AsyncResult } from '../../../src/workers/runtime/async-result';
import { RemoteTaskError, TaskLoadError, task } from '../../../src/workers/runtime/index';
import {
  PoolCallbackError,
  ResultNotReadyError,
  TimeoutError,
} from '../../../src/workers/runtime/pool-errors';
import { TraceRecorder, fixture, trackedPool } from './helpers';
import { BACKENDS, gates, poolTask } from './pool-helpers';

/** Start and end of each traced task, by task id. */
function spans(recorder: TraceRecorder): Map<string, { start: TaskStartEvent; end: TaskEndEvent }> {
  const ends = new Map(recorder.ofType('task-end').map((e) => [e.taskId, e]));
  return new Map(
    recorder.ofType('task-start').map((s) => [s.taskId, { start: s, end: ends.get(s.taskId)! }]),
  );
}

describe.each(BACKENDS)('Pool.apply / applyAsync (%s backend)', (backend) => {
  it('apply resolves with one task’s result, with or without arguments', async () => {
    const pool = trackedPool({ processes: 2, backend });
    expect(await pool.apply(poolTask('add'), [2, 3])).toBe(5);
    expect(await pool.apply(poolTask('echo'))).toEqual([]);
    expect(await pool.apply(poolTask('echo'), [{ a: 1 }, 'b'])).toEqual([{ a: 1 }, 'b']);
  });

  it('apply awaited in a loop runs one task at a time; applyAsync calls overlap on two workers', async () => {
    const recorder = new TraceRecorder();
    const pool = trackedPool({ processes: 2, backend, onTrace: recorder.sink });
    const squares: number[] = [];
    for (let x = 1; x <= 4; x++) squares.push(await pool.apply<number>(poolTask('square'), [x]));
    expect(squares).toEqual([1, 4, 9, 16]);
    const serial = [...spans(recorder).values()].sort((a, b) => a.start.ts - b.start.ts);
    expect(serial).toHaveLength(4);
    for (let i = 1; i < serial.length; i++)
      expect(serial[i]!.start.ts).toBeGreaterThanOrEqual(serial[i - 1]!.end.ts);

    // Each task waits for the file the other creates: both finish only if they run at once.
    const g = gates();
    const a = pool.applyAsync(poolTask('gated'), ['a', g.path('b'), g.path('a')]);
    const b = pool.applyAsync(poolTask('gated'), ['b', g.path('a'), g.path('b')]);
    expect(await Promise.all([a.get(), b.get()])).toEqual(['a', 'b']);
    const all = spans(recorder);
    const [sa, sb] = [...all.values()].slice(-2);
    expect(sa!.start.ts).toBeLessThan(sb!.end.ts);
    expect(sb!.start.ts).toBeLessThan(sa!.end.ts);
    expect(sa!.start.workerId).not.toBe(sb!.start.workerId);
  });

  it('AsyncResult: ready/successful/wait/get follow the task, and get(timeout) gives up without stopping it', async () => {
    const pool = trackedPool({ processes: 1, backend });
    const g = gates();
    const result = pool.applyAsync<string>(poolTask('gated'), ['done', g.path('go'), null]);
    expect(result).toBeInstanceOf(AsyncResult);
    expect(result.ready()).toBe(false);
    expect(() => result.successful()).toThrow(ResultNotReadyError);
    expect(await result.wait(0)).toBe(false);
    const early = await result.get(5).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(TimeoutError);
    expect((early as TimeoutError).timeout).toBe(5);
    expect((early as Error).message).toMatch(/"timeout"/);
    g.open('go');
    expect(await result.get()).toBe('done');
    expect(result.ready()).toBe(true);
    expect(result.successful()).toBe(true);
    expect(await result.wait()).toBe(true);
    expect(await result.get(0)).toBe('done');
  });

  it('AsyncResult of a failing task: get rejects with the remote error, successful() is false', async () => {
    const pool = trackedPool({ processes: 1, backend });
    const result = pool.applyAsync(poolTask('squareOrThrow'), [3]);
    expect(await result.wait()).toBe(true);
    expect(result.successful()).toBe(false);
    const error = await result.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteTaskError);
    expect((error as RemoteTaskError).remoteName).toBe('RangeError');
    expect((error as RemoteTaskError).remoteStack).toContain('squareOrThrow');
  });

  it('runs callback / errorCallback in the caller before ready() turns true', async () => {
    const pool = trackedPool({ processes: 2, backend });
    const seen: unknown[] = [];
    const ok = pool.applyAsync<number>(poolTask('square'), [7], {
      callback: (value) => seen.push(['ok', value, ok.ready()]),
    });
    const bad = pool.applyAsync<number>(poolTask('squareOrThrow'), [3], {
      errorCallback: (error) => seen.push(['error', error.name, bad.ready()]),
    });
    await Promise.all([ok.wait(), bad.wait()]);
    expect(seen).toContainEqual(['ok', 49, false]);
    expect(seen).toContainEqual(['error', 'RemoteTaskError', false]);
  });

  it('reports a throwing callback as a process warning and keeps the pool working', async () => {
    const pool = trackedPool({ processes: 1, backend });
    const warned = once(process, 'warning') as Promise<[Error]>;
    const result = pool.applyAsync(poolTask('square'), [2], {
      callback: () => {
        throw new Error('callback bug');
      },
    });
    const [warning] = await warned;
    expect(warning).toBeInstanceOf(PoolCallbackError);
    expect((warning as PoolCallbackError).callback).toBe('callback');
    expect(warning.message).toContain('callback bug');
    expect(await result.get()).toBe(4);
    expect(await pool.apply(poolTask('square'), [3])).toBe(9);
  });

  it('mapAsync and starmapAsync return AsyncResults of the whole list', async () => {
    const pool = trackedPool({ processes: 2, backend });
    let called: unknown = null;
    const squares = pool.mapAsync(poolTask('square'), [1, 2, 3], { callback: (v) => (called = v) });
    const sums = pool.starmapAsync(poolTask('add'), [
      [1, 2],
      [3, 4],
    ]);
    expect(await squares.get()).toEqual([1, 4, 9]);
    expect(called).toEqual([1, 4, 9]);
    expect(await sums.get()).toEqual([3, 7]);
  });

  it('fails apply and applyAsync with TaskLoadError naming module and export', async () => {
    const pool = trackedPool({ processes: 1, backend });
    const missing = task(fixture('pool-tasks.ts'), 'noSuchExport');
    const error = await pool.apply(missing, [1]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskLoadError);
    expect((error as TaskLoadError).exportName).toBe('noSuchExport');
    expect((error as Error).message).toContain(fixture('pool-tasks.ts'));
    await expect(pool.applyAsync(missing).get()).rejects.toThrow(TaskLoadError);
  });

  it('refuses bad arguments with errors naming them, before starting a worker', async () => {
    const pool = trackedPool({ processes: 1, backend });
    await expect(pool.apply(poolTask('echo'), 5 as never)).rejects.toThrow(/"args"/);
    await expect(pool.apply(poolTask('echo'), [1, () => 2])).rejects.toThrow(/args\[1\]/);
    await expect(pool.apply(poolTask('echo'), [], { chunksize: 2 } as never)).rejects.toThrow(/"chunksize"/);
    expect(() => pool.applyAsync(poolTask('echo'), [Symbol('s')])).toThrow(/args\[0\]/);
    expect(() => pool.applyAsync(poolTask('echo'), [], { callback: 3 as never })).toThrow(/"callback"/);
    expect(() => pool.applyAsync(null as never)).toThrow(/"task"/);
    expect(pool.pids).toEqual([]);
    const result = pool.applyAsync(poolTask('echo'));
    await expect(result.get(-1)).rejects.toThrow(RangeError);
    await expect(result.wait(Number.NaN)).rejects.toThrow(/"timeout"/);
    await result.get();
  });
});
