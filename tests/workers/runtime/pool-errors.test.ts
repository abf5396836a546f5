import { describe, expect, it } from 'vitest';
import { Pool, RemoteTaskError, TaskLoadError, task } from '../../../src/workers/runtime/index';
import { InitializerError, workerDied } from '../../../src/workers/runtime/pool-errors';
import { fixture, mathTask, trackedPool } from './helpers';

describe('Pool errors', () => {
  it('rejects with the remote name, message and stack when a task throws, and stays usable', async () => {
    const pool = trackedPool({ processes: 2 });
    const error = await pool.map(mathTask('failOnThree'), [1, 2, 3, 4, 5]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteTaskError);
    const remote = error as RemoteTaskError;
    expect(remote.message).toBe('bad item 3');
    expect(remote.remoteName).toBe('RangeError');
    expect(remote.remoteStack).toContain('failOnThree');
    expect(remote.remoteStack).toContain('math.ts');
    expect(remote.stack).toContain(remote.remoteStack);
    expect(remote.index).toBe(2);
    expect(remote.taskName).toBe('failOnThree');

    expect(await pool.map(mathTask('square'), [1, 2, 3])).toEqual([1, 4, 9]);
  });

  it('reports a thrown non-Error value', async () => {
    const pool = trackedPool({ processes: 1 });
    await expect(pool.map(mathTask('throwString'), [1])).rejects.toThrow(/plain string/);
  });

  it('names module and export when the module does not exist', async () => {
    const pool = trackedPool({ processes: 1 });
    const missing = fixture('no-such-module.mjs');
    const error = await pool.map(task(missing, 'square'), [1]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskLoadError);
    expect((error as Error).message).toContain(missing);
    expect((error as Error).message).toContain('"square"');
    expect(await pool.map(mathTask('square'), [2])).toEqual([4]);
  });

  it('names module and export when the export is missing or not a function', async () => {
    const pool = trackedPool({ processes: 1 });
    const module = fixture('math.ts');
    for (const name of ['noSuchExport', 'notAFunction']) {
      const error = await pool.map(task(module, name), [1, 2]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TaskLoadError);
      expect((error as Error).message).toContain(module);
      expect((error as Error).message).toContain(`"${name}"`);
    }
  });

  it.each([
    [0, RangeError],
    [-1, RangeError],
    [1.5, RangeError],
    [Number.NaN, RangeError],
    [Number.POSITIVE_INFINITY, RangeError],
    ['2', TypeError],
    [null, TypeError],
  ])('rejects processes: %s with a %O naming "processes"', (processes, kind) => {
    expect(() => new Pool({ processes: processes as number })).toThrow(kind);
    expect(() => new Pool({ processes: processes as number })).toThrow(/"processes"/);
  });

  it('rejects other bad options, naming them', () => {
    expect(() => new Pool({ backend: 'fiber' as 'process' })).toThrow(RangeError);
    expect(() => new Pool({ backend: 'fiber' as 'process' })).toThrow(/"backend"/);
    expect(() => new Pool({ backend: 1 as never })).toThrow(TypeError);
    expect(() => new Pool({ tracing: 1 as unknown as boolean })).toThrow(TypeError);
    expect(() => new Pool({ onTrace: 'x' as never })).toThrow(/"onTrace"/);
    expect(() => new Pool(5 as never)).toThrow(/"options"/);
  });

  it.each([
    ['null', null],
    ['a string', '/abs/mod.mjs#square'],
    ['a relative module', { module: './math.ts', name: 'square' }],
    ['an empty name', { module: '/abs/math.ts', name: '' }],
    ['a non-string name', { module: '/abs/math.ts', name: 3 }],
  ])('rejects %s as a task with a TypeError naming it, before starting a worker', async (_, ref) => {
    const pool = trackedPool({ processes: 1 });
    await expect(pool.map(ref as never, [1])).rejects.toThrow(TypeError);
    await expect(pool.map(ref as never, [1])).rejects.toThrow(/"task/);
    expect(pool.pids).toEqual([]);
  });

  it('validates task() arguments', () => {
    expect(() => task('relative/math.ts', 'square')).toThrow(/"moduleUrlOrPath"/);
    expect(() => task(fixture('math.ts'), '')).toThrow(/"name"/);
    expect(task(new URL('file:///abs/m.mjs'), 'f')).toEqual({ module: 'file:///abs/m.mjs', name: 'f' });
  });

  it.each([
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
    ['an object holding a function', { f: () => 1 }],
  ])(
    'rejects %s as an argument with a TypeError naming its index, before starting a worker',
    async (_, bad) => {
      const pool = trackedPool({ processes: 1 });
      const error = await pool.map(mathTask('square'), [1, 2, bad]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toContain('items[2]');
      expect(pool.pids).toEqual([]);
    },
  );

  it('rejects a bad chunksize or non-iterable items, naming them', async () => {
    const pool = trackedPool({ processes: 1 });
    await expect(pool.map(mathTask('square'), [1], 0)).rejects.toThrow(RangeError);
    await expect(pool.map(mathTask('square'), [1], 0)).rejects.toThrow(/"chunksize"/);
    await expect(pool.map(mathTask('square'), [1], '2' as never)).rejects.toThrow(TypeError);
    await expect(pool.map(mathTask('square'), 42 as never)).rejects.toThrow(/"items"/);
    expect(pool.pids).toEqual([]);
  });

  it('fails a task whose result cannot be sent back, and keeps the worker', async () => {
    const pool = trackedPool({ processes: 1 });
    const error = await pool.map(mathTask('returnsFunction'), [1]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteTaskError);
    expect((error as RemoteTaskError).remoteName).toBe('TypeError');
    expect((error as Error).message).toMatch(/cannot be sent back/);
    const [pid] = pool.pids;
    expect(await pool.map(mathTask('square'), [3])).toEqual([9]);
    expect(pool.pids).toEqual([pid]);
  });
});

describe('pool error helpers', () => {
  it('WorkerDiedError says what killed the worker and keeps the remote error as cause', () => {
    const fatal = {
      code: 'workload-error' as const,
      name: 'Error',
      message: 'boom',
      stack: 'Error: boom\n    at timer',
    };
    const error = workerDied([1, 99, 1, null, 'task'], fatal, 'ignored');
    expect(error.message).toBe(
      'Worker 1 (pid 99) exited with code 1 while running a task: uncaught Error: boom',
    );
    expect(error.stack).toContain(error.message);
    expect(error.stack).toContain('at timer');
    expect((error.cause as Error).message).toBe('boom');
    expect(workerDied([2, 98, null, 'SIGABRT', 'task'], undefined, 'out of memory').message).toMatch(
      /SIGABRT.*: out of memory$/,
    );
    expect(workerDied([3, 97, 0, null, 'startup'], undefined, undefined).cause).toBeUndefined();
  });

  it('InitializerError names the initializer, the stage and the worker, with the remote stack', () => {
    const data = {
      code: 'workload-error' as const,
      name: 'TypeError',
      message: 'bad',
      stack: 'TypeError: bad\n  at setup',
    };
    const error = new InitializerError({ module: '/abs/init.mjs', name: 'setup' }, 'run', data, {
      workerId: 4,
      pid: 5,
    });
    expect(error.message).toBe(
      'Initializer "setup" from module "/abs/init.mjs" threw in worker 4 (pid 5): bad',
    );
    expect(error).toMatchObject({ stage: 'run', remoteName: 'TypeError', workerId: 4, pid: 5 });
    expect(error.stack).toContain('at setup');
  });
});
