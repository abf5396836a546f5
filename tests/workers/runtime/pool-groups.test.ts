/**
 * Single-task calls made together (applyAsync in a loop) travel to workers in groups
 * (pool-groups.ts): each call keeps its own result, error and trace id; calls that wait for one
 * another are not locked together in one group; a task that kills its worker fails only calls
 * of its own group, and the pool goes on.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { RemoteTaskError, WorkerDiedError } from '../../../src/workers/runtime/index';
import { trackedPool } from './helpers';
import { BACKENDS, gates, poolTask } from './pool-helpers';

const N = 2000;

/** Settles every result: its value, or the class name of its error. */
async function outcomes<T>(results: { get(): Promise<T> }[]): Promise<(T | string)[]> {
  return Promise.all(
    results.map((r) => r.get().catch((error: unknown) => (error as Error).constructor.name)),
  );
}

describe.each(BACKENDS)('groups of single-task calls (%s backend)', (backend) => {
  it('give each call its own result, error and trace id, each task started and ended once', async () => {
    const events: TraceEvent[] = [];
    const pool = trackedPool({
      processes: 2,
      backend,
      tracing: true,
      onTrace: (batch) => events.push(...batch),
    });
    const results = Array.from({ length: N }, (_, i) =>
      pool.applyAsync<number>(poolTask('squareOrThrow'), [i]),
    );
    const got = await outcomes(results);
    expect(got[3]).toBe(RemoteTaskError.name);
    expect(got.filter((_, i) => i !== 3)).toEqual(
      Array.from({ length: N }, (_, i) => i * i).filter((_, i) => i !== 3),
    );
    await expect(results[3]!.get()).rejects.toMatchObject({ message: expect.stringContaining('bad item 3') });
    const ids = (type: string): string[] =>
      events.flatMap((e) => (e.type === type && 'taskId' in e ? [e.taskId] : []));
    for (const type of ['task-submit', 'task-start', 'task-end']) {
      const seen = ids(type);
      expect(seen).toHaveLength(N);
      expect(new Set(seen).size).toBe(N);
      // Each call is its own: its only task is task 0.
      expect(seen.every((id) => id.endsWith(':0'))).toBe(true);
    }
  });

  it('do not lock together calls that wait for each other, once tasks are known to be short', async () => {
    const pool = trackedPool({ processes: 2, backend });
    // Many short calls first, so that the next calls travel in large groups.
    const warm = Array.from({ length: N }, (_, i) => pool.applyAsync(poolTask('gated'), [i, null, null]));
    await outcomes(warm);
    const g = gates();
    const first = pool.applyAsync(poolTask('gated'), ['first', g.path('second-ran'), null]);
    const second = pool.applyAsync(poolTask('gated'), ['second', null, g.path('second-ran')]);
    expect(await Promise.all([first.get(), second.get()])).toEqual(['first', 'second']);
  });

  it('fail only calls of the group whose task killed the worker; the pool goes on', async () => {
    const pool = trackedPool({ processes: 2, backend });
    await outcomes(Array.from({ length: N }, (_, i) => pool.applyAsync(poolTask('square'), [i])));
    const xs = Array.from({ length: 400 }, (_, i) => (i === 200 ? -1 : i));
    const got = await outcomes(xs.map((x) => pool.applyAsync<number>(poolTask('squareOrExit'), [x])));
    expect(got[200]).toBe(WorkerDiedError.name);
    got.forEach((value, i) => {
      // Never a wrong value: a result, or the death of the worker that held the call.
      if (value !== WorkerDiedError.name) expect(value).toBe(xs[i]! * xs[i]!);
    });
    // Calls far from it, in other groups, succeed.
    expect(got.filter((v) => v === WorkerDiedError.name).length).toBeLessThan(xs.length / 2);
    expect(await pool.apply(poolTask('square'), [7])).toBe(49);
  });
});
