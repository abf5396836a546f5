import { describe, expect, it } from 'vitest';
import { Pool, RemoteTaskError, TaskLoadError, task } from '../../../src/workers/runtime/index';
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
    expect(() => new Pool({ backend: 'thread' as 'process' })).toThrow(/"backend"/);
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
