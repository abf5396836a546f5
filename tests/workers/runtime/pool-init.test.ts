import { describe, expect, it } from 'vitest';
import { Pool, task } from '../../../src/workers/runtime/index';
import { InitializerError } from '../../../src/workers/runtime/pool-errors';
import { TraceRecorder, fixture, trackedPool } from './helpers';
import { BACKENDS, poolTask } from './pool-helpers';

describe.each(BACKENDS)('Pool initializer and maxTasksPerChild (%s backend)', (backend) => {
  it('runs the initializer in every worker before its tasks, with initargs', async () => {
    for (const initializer of ['setup', 'setupLater']) {
      const pool = trackedPool({
        processes: 2,
        backend,
        initializer: poolTask(initializer),
        initargs: [{ greeting: 'hello' }],
      });
      const results = await pool.map(poolTask('readSetup'), [1, 2, 3, 4], 1);
      expect(results).toEqual([1, 2, 3, 4].map((x) => [{ greeting: 'hello' }, x]));
    }
  });

  it('fails pending calls with InitializerError when it throws, and does not respawn in a loop', async () => {
    const recorder = new TraceRecorder();
    const pool = trackedPool({
      processes: 2,
      backend,
      initializer: poolTask('failingSetup'),
      onTrace: recorder.sink,
    });
    const [a, b] = await Promise.all([
      pool.map(poolTask('square'), [1, 2]).catch((e: unknown) => e),
      pool.apply(poolTask('square'), [3]).catch((e: unknown) => e),
    ]);
    for (const error of [a, b]) {
      expect(error).toBeInstanceOf(InitializerError);
      const init = error as InitializerError;
      expect(init.exportName).toBe('failingSetup');
      expect(init.module).toBe(fixture('pool-tasks.ts'));
      expect(init.stage).toBe('run');
      expect(init.remoteName).toBe('TypeError');
      expect(init.remoteStack).toContain('failingSetup');
      expect(init.message).toContain('setup failed');
    }
    // A later call tries again (and fails the same way); then the pool winds down: no loop.
    await expect(pool.apply(poolTask('square'), [4])).rejects.toThrow(InitializerError);
    pool.close();
    await pool.join();
    expect(pool.pids).toEqual([]);
    expect(recorder.ofType('worker-spawn').length).toBeLessThanOrEqual(4);
    expect(recorder.ofType('task-start')).toEqual([]);
  });

  it('names module and export when the initializer cannot be loaded', async () => {
    const pool = trackedPool({ processes: 1, backend, initializer: task(fixture('pool-tasks.ts'), 'nope') });
    const error = await pool.apply(poolTask('square'), [1]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InitializerError);
    expect((error as InitializerError).stage).toBe('load');
    expect((error as Error).message).toMatch(/"nope"/);
    expect((error as Error).message).toContain(fixture('pool-tasks.ts'));
  });

  it('refuses bad initializer options, naming them', () => {
    expect(() => new Pool({ initializer: 'setup' as never })).toThrow(/"initializer"/);
    expect(() => new Pool({ initializer: poolTask('setup'), initargs: 'x' as never })).toThrow(/"initargs"/);
    expect(() => new Pool({ initargs: [1] })).toThrow(/"initargs"/);
    expect(() => new Pool({ initializer: poolTask('setup'), initargs: [() => 1] })).toThrow(/initargs\[0\]/);
    expect(() => new Pool({ maxTasksPerChild: 0 })).toThrow(RangeError);
    expect(() => new Pool({ maxTasksPerChild: 0 })).toThrow(/"maxTasksPerChild"/);
    expect(() => new Pool({ resourceLimits: { maxOldGenerationSizeMb: -1 } })).toThrow(
      /maxOldGenerationSizeMb/,
    );
    expect(() => new Pool({ resourceLimits: 3 as never })).toThrow(/"resourceLimits"/);
  });

  it('replaces a worker after maxTasksPerChild tasks, splitting chunks to keep the budget', async () => {
    const recorder = new TraceRecorder();
    const pool = trackedPool({ processes: 1, backend, maxTasksPerChild: 2, onTrace: recorder.sink });
    // Chunks of 3 on a budget of 2: tasks run in pairs, each pair on a new worker.
    const results = await pool.map<number, [number, number, number]>(
      poolTask('where'),
      [0, 1, 2, 3, 4, 5],
      3,
    );
    expect(results.map(([x]) => x)).toEqual([0, 1, 2, 3, 4, 5]);
    const workerOf = new Map(
      recorder.ofType('task-start').map((e) => [Number(e.taskId.split(':')[1]), e.workerId]),
    );
    const pairs = [0, 2, 4].map((i) => [workerOf.get(i), workerOf.get(i + 1)]);
    for (const [first, second] of pairs) expect(first).toBe(second);
    expect(new Set(pairs.map(([w]) => w)).size).toBe(3);
    const identity = (r: [number, number, number]): string => `${r[1]}.${r[2]}`;
    expect(new Set(results.map(identity)).size).toBe(3);
    // The pool still has its one worker (the replacement) and keeps going.
    expect(await pool.apply(poolTask('square'), [3])).toBe(9);
  });
});
