import { describe, expect, it } from 'vitest';
import { TraceRecorder, trackedPool } from './helpers';
import { BACKENDS, gates, poolTask } from './pool-helpers';

describe.each(BACKENDS)('Pool progress and cancellation (%s backend)', (backend) => {
  it('counts tasks per call (onProgress) and over the pool’s lifetime (progress)', async () => {
    const pool = trackedPool({ processes: 2, backend });
    expect(pool.progress).toEqual({ done: 0, total: 0 });
    const reports: [number, number][] = [];
    const squares = await pool.map(poolTask('square'), [1, 2, 3, 4, 5], {
      chunksize: 2,
      onProgress: (done, total) => reports.push([done, total]),
    });
    expect(squares).toEqual([1, 4, 9, 16, 25]);
    // One report per chunk, growing to the total, the last before the call resolved.
    expect(reports.map(([, total]) => total)).toEqual([5, 5, 5]);
    expect(reports.map(([done]) => done).sort((a, b) => a - b)).toEqual(reports.map(([done]) => done));
    expect(reports.at(-1)).toEqual([5, 5]);
    await pool.starmap(poolTask('add'), [[1, 2]]);
    expect(pool.progress).toEqual({ done: 6, total: 6 });
  });

  it('counts a failed call’s tasks as done, so done reaches total once the pool is idle', async () => {
    const pool = trackedPool({ processes: 1, backend });
    await expect(pool.map(poolTask('squareOrThrow'), [1, 3, 5, 7], 1)).rejects.toThrow('bad item 3');
    expect(pool.progress).toEqual({ done: 4, total: 4 });
  });

  it('aborting a map drops its queued tasks, rejects with the reason and leaves the pool usable', async () => {
    const recorder = new TraceRecorder();
    const pool = trackedPool({ processes: 1, backend, onTrace: recorder.sink });
    const g = gates();
    const controller = new AbortController();
    const items = [
      ['a', g.path('go'), null],
      ['b', null, null],
      ['c', null, null],
    ];
    const pending = pool.map(poolTask('gatedItem'), items, { chunksize: 1, signal: controller.signal });
    await recorder.waitFor((e) => e.type === 'task-start');
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    g.open('go');
    expect(await pool.map(poolTask('square'), [2, 3])).toEqual([4, 9]);
    const call = recorder.ofType('task-submit')[0]!.taskId.split(':')[0];
    const started = recorder.ofType('task-start').filter((e) => e.taskId.startsWith(`${call}:`));
    expect(started.map((e) => e.taskId)).toEqual([`${call}:0`]);
    expect(pool.progress).toEqual({ done: 5, total: 5 });
  });

  it('rejects at once with a custom reason for an already aborted signal, starting nothing', async () => {
    const pool = trackedPool({ processes: 1, backend });
    const reason = new Error('changed my mind');
    const signal = AbortSignal.abort(reason);
    await expect(pool.map(poolTask('square'), [1], { signal })).rejects.toBe(reason);
    await expect(pool.apply(poolTask('square'), [1], { signal })).rejects.toBe(reason);
    await expect(pool.applyAsync(poolTask('square'), [1], { signal }).get()).rejects.toBe(reason);
    expect(pool.pids).toEqual([]);
    await expect(pool.map(poolTask('square'), [1], { signal: 'no' as never })).rejects.toThrow(/"signal"/);
    await expect(pool.map(poolTask('square'), [1], { onProgress: 1 as never })).rejects.toThrow(
      /"onProgress"/,
    );
  });

  it('aborting an applyAsync fails its AsyncResult and calls errorCallback', async () => {
    const pool = trackedPool({ processes: 1, backend });
    const g = gates();
    const controller = new AbortController();
    const errors: Error[] = [];
    const result = pool.applyAsync(poolTask('gated'), ['x', g.path('go'), null], {
      signal: controller.signal,
      errorCallback: (e) => errors.push(e),
    });
    controller.abort();
    expect(await result.wait()).toBe(true);
    expect(result.successful()).toBe(false);
    expect(errors.map((e) => e.name)).toEqual(['AbortError']);
    g.open('go');
    expect(await pool.apply(poolTask('square'), [5])).toBe(25);
  });
});
