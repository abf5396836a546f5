import { describe, expect, it } from 'vitest';
import { WorkerDiedError } from '../../../src/workers/runtime/index';
import { TraceRecorder, trackedPool } from './helpers';
import { BACKENDS, gates, poolTask } from './pool-helpers';

describe.each(BACKENDS)('Pool scheduling (%s backend)', (backend) => {
  it('a task sent ahead to a busy worker moves to a worker that becomes idle (no deadlock)', async () => {
    const recorder = new TraceRecorder();
    const pool = trackedPool({ processes: 2, backend, onTrace: recorder.sink });
    // Many tiny tasks: workers learn that tasks are short and take several at a time.
    const warm = Array.from({ length: 400 }, (_, i) => i);
    expect(await pool.map(poolTask('square'), warm, 1)).toEqual(warm.map((x) => x * x));
    const g = gates();
    // `a` waits for `b`; `c` holds the other worker until the test lets it go. With Python's
    // pool, `b` waits in the queue and runs where `c` ran; it must not stay stuck behind `a`.
    const items = [
      ['a', g.path('b-ran'), g.path('a-ran')],
      ['c', g.path('open-c'), null],
      ['b', g.path('a-ran'), g.path('b-ran')],
    ];
    const pending = pool.map(poolTask('gatedItem'), items, 1);
    const call = (await recorder.waitFor((e) => e.type === 'task-submit' && e.name === 'gatedItem')) as {
      taskId: string;
    };
    const id = call.taskId.split(':')[0];
    await recorder.waitFor((e) => e.type === 'task-start' && e.taskId === `${id}:1`);
    g.open('open-c');
    expect(await pending).toEqual(['a', 'c', 'b']);
    const starts = new Map(recorder.ofType('task-start').map((e) => [e.taskId, e.workerId]));
    expect(starts.get(`${id}:2`)).not.toBe(starts.get(`${id}:0`));
  });

  it('runs many tiny tasks given one by one (applyAsync), every result in its place', async () => {
    const pool = trackedPool({ processes: 2, backend });
    const results = Array.from({ length: 2000 }, (_, i) => pool.applyAsync<number>(poolTask('square'), [i]));
    const values = await Promise.all(results.map((r) => r.get()));
    expect(values).toEqual(Array.from({ length: 2000 }, (_, i) => i * i));
    expect(pool.progress).toEqual({ done: 2000, total: 2000 });
  });

  it('a dying worker fails only the task it was running; tasks sent ahead to it run elsewhere', async () => {
    const pool = trackedPool({ processes: 2, backend });
    const warm = Array.from({ length: 400 }, (_, i) => i);
    await pool.map(poolTask('square'), warm, 1);
    const dying = pool.applyAsync(poolTask('squareOrExit'), [-1]);
    const others = Array.from({ length: 40 }, (_, i) => pool.applyAsync<number>(poolTask('square'), [i]));
    await expect(dying.get()).rejects.toThrow(WorkerDiedError);
    expect(await Promise.all(others.map((r) => r.get()))).toEqual(others.map((_, i) => i * i));
  });
});
