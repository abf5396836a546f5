import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PoolStateError, PoolTerminatedError, WorkerDiedError } from '../../../src/workers/runtime/index';
import { TraceRecorder, fixture, isAlive, mathTask, trackedPool } from './helpers';

describe('Pool life cycle', () => {
  it('close() then join() resolves once every worker has exited, leaving no process', async () => {
    const pool = trackedPool({ processes: 2 });
    await pool.map(mathTask('square'), [1, 2, 3, 4]);
    const pids = pool.pids;
    expect(pids).toHaveLength(2);
    expect(pids.every(isAlive)).toBe(true);
    pool.close();
    await pool.join();
    expect(pool.pids).toEqual([]);
    expect(pids.filter(isAlive)).toEqual([]);
  });

  it('finishes queued work after close() before the workers exit', async () => {
    const pool = trackedPool({ processes: 2 });
    const pending = pool.map(mathTask('slowSquare'), [5, 4, 3, 2, 1, 0], 1);
    pool.close();
    await pool.join();
    expect(await pending).toEqual([25, 16, 9, 4, 1, 0]);
  });

  it('refuses join() before close() and map() after close()', async () => {
    const pool = trackedPool({ processes: 1 });
    await expect(pool.join()).rejects.toThrow(PoolStateError);
    pool.close();
    await expect(pool.map(mathTask('square'), [1])).rejects.toThrow(PoolStateError);
    await pool.join();
  });

  it('rejects the call with WorkerDiedError when a worker exits mid-task, then replaces it', async () => {
    const pool = trackedPool({ processes: 2 });
    await pool.map(mathTask('square'), [1, 2]);
    const before = pool.pids;
    const error = await pool.map(mathTask('exitWith'), [3], 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerDiedError);
    expect((error as WorkerDiedError).code).toBe(3);
    expect((error as WorkerDiedError).signal).toBeNull();
    const dead = (error as WorkerDiedError).pid!;
    expect(before).toContain(dead);
    expect(await pool.map(mathTask('square'), [1, 2, 3, 4], 1)).toEqual([1, 4, 9, 16]);
    expect(pool.pids).toHaveLength(2);
    expect(pool.pids).not.toContain(dead);
  });

  it('runs a call queued behind a task that kills the only worker, on its replacement', async () => {
    const pool = trackedPool({ processes: 1 });
    await pool.map(mathTask('square'), [1]);
    const dying = pool.map(mathTask('exitWith'), [3], 1).catch((e: unknown) => e);
    const waiting = pool.map(mathTask('square'), [5, 6], 2);
    expect(await dying).toBeInstanceOf(WorkerDiedError);
    expect(await waiting).toEqual([25, 36]);
    expect(pool.pids).toHaveLength(1);
  });

  it('rejects the call with WorkerDiedError when a worker is SIGKILLed mid-task, then replaces it', async () => {
    const recorder = new TraceRecorder();
    const pool = trackedPool({ processes: 2, onTrace: recorder.sink });
    const pending = pool.map(mathTask('spin'), [0], 1).catch((e: unknown) => e);
    const started = await recorder.waitFor((e) => e.type === 'task-start');
    const pid = (started as { pid: number }).pid;
    process.kill(pid, 'SIGKILL');
    const error = await pending;
    expect(error).toBeInstanceOf(WorkerDiedError);
    expect((error as WorkerDiedError).signal).toBe('SIGKILL');
    expect((error as WorkerDiedError).code).toBeNull();
    expect((error as WorkerDiedError).pid).toBe(pid);
    expect(recorder.ofType('worker-exit').map((e) => [e.pid, e.signal])).toEqual([[pid, 'SIGKILL']]);
    expect(await pool.map(mathTask('square'), [5, 6])).toEqual([25, 36]);
    expect(pool.pids).not.toContain(pid);
  });

  it('terminate() kills workers spinning forever and rejects the pending map', async () => {
    const recorder = new TraceRecorder();
    const pool = trackedPool({ processes: 2, onTrace: recorder.sink });
    const pending = pool.map(mathTask('spin'), [0, 1, 2, 3], 1).catch((e: unknown) => e);
    await recorder.waitFor((e) => e.type === 'task-start');
    const pids = pool.pids;
    await pool.terminate();
    expect(await pending).toBeInstanceOf(PoolTerminatedError);
    expect(pids.filter(isAlive)).toEqual([]);
    await expect(pool.map(mathTask('square'), [1])).rejects.toThrow(PoolStateError);
    await pool.join();
  });

  it('terminates through Symbol.asyncDispose', async () => {
    const pool = trackedPool({ processes: 1 });
    await pool.map(mathTask('square'), [1]);
    const pids = pool.pids;
    await pool[Symbol.asyncDispose]();
    expect(pids.filter(isAlive)).toEqual([]);
  });

  it('lets its workers exit on their own when the parent process dies', async () => {
    const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const parent = spawn(process.execPath, ['--import', loader, fixture('pool-parent.ts')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // The workers inherit the parent's stdout, so the pipe closes only when all of them are gone.
    let output = '';
    parent.stdout.setEncoding('utf8');
    const firstLine = new Promise<string>((resolve) => {
      parent.stdout.on('data', (chunk: string) => {
        output += chunk;
        if (output.includes('\n')) resolve(output.slice(0, output.indexOf('\n')));
      });
    });
    const closed = once(parent.stdout, 'close');
    const pids = JSON.parse(await firstLine) as number[];
    expect(pids).toHaveLength(2);
    parent.kill('SIGKILL');
    await closed;
    expect(pids.filter(isAlive)).toEqual([]);
  });
});
