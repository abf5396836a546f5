import { describe, expect, it } from 'vitest';
import { PoolTerminatedError, WorkerDiedError } from '../../../src/workers/runtime/index';
import { TraceRecorder, isAlive, trackedPool } from './helpers';
import { BACKENDS, gates, poolTask } from './pool-helpers';

describe.each(BACKENDS)('Pool faults (%s backend)', (backend) => {
  it.each([
    ['process.exit() in the task', 'squareOrExit', -1, /exited with code 3/],
    ['an uncaught exception from a timer', 'throwInTimer', 'boom from a timer', /boom from a timer/],
    ['an unhandled rejection', 'rejectUnhandled', 'nobody awaited me', /nobody awaited me/],
  ])(
    '%s rejects that call with WorkerDiedError; finished calls keep their results',
    async (_, name, arg, why) => {
      const recorder = new TraceRecorder();
      const pool = trackedPool({ processes: 2, backend, onTrace: recorder.sink });
      const finished = pool.applyAsync(poolTask('square'), [4]);
      expect(await finished.get()).toBe(16);
      const error = await pool.apply(poolTask(name), [arg]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerDiedError);
      const died = error as WorkerDiedError;
      expect(died.message).toMatch(why);
      expect(died.message).toMatch(new RegExp(`Worker ${died.workerId} \\(pid ${died.pid}\\)`));
      expect(died.signal).toBeNull();
      expect(died.code).not.toBe(0);
      // Replaced: the pool has two workers again and runs calls; the earlier result is still there.
      expect(await pool.map(poolTask('square'), [1, 2, 3, 4], 1)).toEqual([1, 4, 9, 16]);
      expect(await finished.get()).toBe(16);
      const exits = recorder.ofType('worker-exit');
      expect(exits.map((e) => e.workerId)).toEqual([died.workerId]);
      expect(pool.pids).toHaveLength(2);
    },
  );

  it('a worker out of memory (resourceLimits) fails its call and is replaced', async () => {
    const pool = trackedPool({ processes: 1, backend, resourceLimits: { maxOldGenerationSizeMb: 32 } });
    const error = await pool.apply(poolTask('exhaustHeap')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerDiedError);
    expect((error as Error).message).toMatch(/out of memory/);
    expect(await pool.apply(poolTask('square'), [5])).toBe(25);
  });

  it('terminate() ends busy-looping workers within a second and rejects pending calls', async () => {
    const recorder = new TraceRecorder();
    const pool = trackedPool({ processes: 2, backend, onTrace: recorder.sink });
    const pending = pool.map(poolTask('spin'), [0, 1, 2, 3], 1).catch((e: unknown) => e);
    const async = pool.applyAsync(poolTask('spin'));
    // Both workers are busy once two tasks have started.
    await recorder.waitFor((e) => e.type === 'task-start' && e.taskId.endsWith(':1'));
    const pids = pool.pids;
    const started = performance.now();
    await pool.terminate();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(PoolTerminatedError);
    await expect(async.get()).rejects.toThrow(PoolTerminatedError);
    if (backend === 'process') expect(pids.filter(isAlive)).toEqual([]);
    expect(pool.pids).toEqual([]);
  });

  it.each([
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
    ['a promise', Promise.resolve(1)],
    ['a WeakMap', new WeakMap()],
    ['an object holding a function', { f: () => 1 }],
  ])('refuses %s as an argument of any call, naming it, before anything runs', async (_, bad) => {
    const pool = trackedPool({ processes: 1, backend });
    await expect(pool.map(poolTask('echo'), [1, bad])).rejects.toThrow(/items\[1\]/);
    await expect(pool.starmap(poolTask('echo'), [[1], [2, bad]])).rejects.toThrow(/items\[1\]/);
    await expect(pool.apply(poolTask('echo'), [bad])).rejects.toThrow(/args\[0\]/);
    expect(() => pool.applyAsync(poolTask('echo'), [1, 2, bad])).toThrow(/args\[2\]/);
    expect(() => pool.imap(poolTask('echo'), [bad])).toThrow(TypeError);
    expect(pool.pids).toEqual([]);
  });

  it('carries what the channel accepts: circular objects, and SharedArrayBuffers to threads only', async () => {
    const pool = trackedPool({ processes: 1, backend });
    const circular: { self?: unknown; n: number } = { n: 1 };
    circular.self = circular;
    const [back] = await pool.apply<[typeof circular]>(poolTask('echo'), [circular]);
    expect(back.self).toBe(back);
    const shared = new SharedArrayBuffer(8);
    if (backend === 'thread') {
      const [sab] = await pool.apply<[SharedArrayBuffer]>(poolTask('echo'), [shared]);
      expect(sab).toBeInstanceOf(SharedArrayBuffer);
    } else {
      await expect(pool.apply(poolTask('echo'), [shared])).rejects.toThrow(/args\[0\]/);
    }
  });

  it('a worker that dies while other calls wait only fails its own call', async () => {
    const pool = trackedPool({ processes: 2, backend });
    const g = gates();
    const waiting = pool.applyAsync(poolTask('gated'), ['kept', g.path('go'), null]);
    const dying = pool.apply(poolTask('squareOrExit'), [-1]).catch((e: unknown) => e);
    expect(await dying).toBeInstanceOf(WorkerDiedError);
    g.open('go');
    expect(await waiting.get()).toBe('kept');
  });
});
