import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { task } from '../../../src/workers/runtime/index';
import { fixture, mathTask, trackedPool } from './helpers';

describe('Pool.map', () => {
  it('squares 1..8 on two workers', async () => {
    const pool = trackedPool({ processes: 2 });
    expect(pool.processes).toBe(2);
    const result = await pool.map<number, number>(mathTask('square'), [1, 2, 3, 4, 5, 6, 7, 8]);
    expect(result).toEqual([1, 4, 9, 16, 25, 36, 49, 64]);
    expect(pool.pids).toHaveLength(2);
  });

  it('returns results in input order when tasks take very different times', async () => {
    const pool = trackedPool({ processes: 2 });
    const items = [30, 0, 25, 1, 20, 2, 15, 3, 10, 4];
    const result = await pool.map(mathTask('slowSquare'), items, 1);
    expect(result).toEqual(items.map((x) => x * x));
  });

  it('returns [] for no items without starting a worker', async () => {
    const pool = trackedPool({ processes: 2 });
    expect(await pool.map(mathTask('square'), [])).toEqual([]);
    expect(pool.pids).toEqual([]);
  });

  it('runs each chunk of an explicit chunksize on one worker', async () => {
    const pool = trackedPool({ processes: 2 });
    const items = [0, 1, 2, 3, 4, 5, 6, 7];
    const result = await pool.map<number, [number, number]>(mathTask('whoami'), items, 3);
    expect(result.map(([x]) => x)).toEqual(items);
    const pids = result.map(([, pid]) => pid);
    for (const [start, end] of [
      [0, 3],
      [3, 6],
      [6, 8],
    ] as const) {
      expect(new Set(pids.slice(start, end)).size).toBe(1);
    }
    const whole = await pool.map<number, [number, number]>(mathTask('whoami'), items, items.length);
    expect(new Set(whole.map(([, pid]) => pid)).size).toBe(1);
  });

  it('groups items by the default chunksize', async () => {
    // 100 items on 2 workers: Python's formula gives chunks of 13.
    const pool = trackedPool({ processes: 2 });
    const items = Array.from({ length: 100 }, (_, i) => i);
    const result = await pool.map<number, [number, number]>(mathTask('whoami'), items);
    for (let start = 0; start < 100; start += 13) {
      expect(new Set(result.slice(start, start + 13).map(([, pid]) => pid)).size).toBe(1);
    }
  });

  it('loads plain ES modules and CommonJS modules', async () => {
    const pool = trackedPool({ processes: 2 });
    expect(await pool.map(task(fixture('math.mjs'), 'cube'), [1, 2, 3])).toEqual([1, 8, 27]);
    expect(await pool.map(task(fixture('math.cjs'), 'negate'), [1, 2, 3])).toEqual([-1, -2, -3]);
  });

  it('accepts file: URLs, awaits async tasks and takes any iterable', async () => {
    const pool = trackedPool({ processes: 2 });
    const asyncDouble = task(pathToFileURL(fixture('math.ts')), 'asyncDouble');
    function* numbers(): Generator<number> {
      yield* [1, 2, 3, 4];
    }
    expect(await pool.map(asyncDouble, numbers())).toEqual([2, 4, 6, 8]);
    expect(await pool.map(asyncDouble, new Set([5, 6]))).toEqual([10, 12]);
  });

  it('runs concurrent maps to completion, each with its own results', async () => {
    const pool = trackedPool({ processes: 2 });
    const a = Array.from({ length: 50 }, (_, i) => i);
    const b = Array.from({ length: 30 }, (_, i) => i + 100);
    const [ra, rb] = await Promise.all([
      pool.map(mathTask('square'), a, 4),
      pool.map(mathTask('square'), b, 7),
    ]);
    expect(ra).toEqual(a.map((x) => x * x));
    expect(rb).toEqual(b.map((x) => x * x));
  });

  it('carries structured-clone values (objects, Maps, BigInts) both ways', async () => {
    const pool = trackedPool({ processes: 1 });
    const identity = task(fixture('math.mjs'), 'identity');
    const items = [{ a: [1, 2] }, new Map([['k', 1n]]), new Date(0)];
    expect(await pool.map(identity, items)).toEqual(items);
  });

  it('starmap spreads each item as the argument list; a bare number or an object is the chunksize', async () => {
    const pool = trackedPool({ processes: 2 });
    const add = task(fixture('pool-tasks.ts'), 'add');
    const pairs: [number, number][] = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    expect(await pool.starmap(add, pairs)).toEqual([3, 7, 11]);
    expect(await pool.starmap(add, new Set(pairs), 2)).toEqual([3, 7, 11]);
    expect(await pool.starmap(add, [new Set([1, 2])] as never)).toEqual([3]);
    const items = [0, 1, 2, 3, 4, 5];
    const result = await pool.map<number, [number, number]>(mathTask('whoami'), items, { chunksize: 6 });
    expect(new Set(result.map(([, pid]) => pid)).size).toBe(1);
    await expect(pool.starmap(add, [[1, 2], 3] as never)).rejects.toThrow(/items\[1\]/);
    await expect(pool.map(mathTask('square'), [1], 'x' as never)).rejects.toThrow(/"options"/);
  });
});
