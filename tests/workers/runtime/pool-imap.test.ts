import { describe, expect, it } from 'vitest';
import { RemoteTaskError, TaskLoadError, WorkerDiedError, task } from '../../../src/workers/runtime/index';
import { TraceRecorder, fixture, trackedPool } from './helpers';
import { BACKENDS, drain, gates, poolTask } from './pool-helpers';

const callOf = (taskId: string): string => taskId.split(':')[0]!;

describe.each(BACKENDS)('Pool.imap / imapUnordered (%s backend)', (backend) => {
  it('imap yields in input order, imapUnordered in completion order, both every result', async () => {
    const pool = trackedPool({ processes: 2, backend });
    // imap: item 0 waits until item 1 has run, so item 1 completes first, yet comes second.
    const g = gates();
    const items = [
      ['first', g.path('second-ran'), null],
      ['second', null, g.path('second-ran')],
    ];
    const ordered = await drain(pool.imap(poolTask('gatedItem'), items));
    expect(ordered.error).toBeUndefined();
    expect(ordered.values).toEqual(['first', 'second']);
    // imapUnordered: item 0 waits until this loop has item 1's result, so item 1's comes first
    // whatever the timing of the two workers.
    const h = gates();
    const unorderedItems = [
      ['first', h.path('second-seen'), null],
      ['second', null, null],
    ];
    const values: unknown[] = [];
    for await (const value of pool.imapUnordered(poolTask('gatedItem'), unorderedItems)) {
      values.push(value);
      if (value === 'second') h.open('second-seen');
    }
    expect(values).toEqual(['second', 'first']);
  });

  it('streams every result of many items, any chunksize, from any iterable', async () => {
    const pool = trackedPool({ processes: 2, backend });
    const items = Array.from({ length: 40 }, (_, i) => i);
    const squares = items.map((x) => x * x);
    expect((await drain(pool.imap(poolTask('square'), items))).values).toEqual(squares);
    expect((await drain(pool.imap(poolTask('square'), new Set(items), 7))).values).toEqual(squares);
    const unordered = (await drain(pool.imapUnordered(poolTask('square'), items, { chunksize: 3 }))).values;
    expect([...(unordered as number[])].sort((a, b) => a - b)).toEqual(squares);
    expect((await drain(pool.imap(poolTask('square'), []))).values).toEqual([]);
  });

  it('imap yields every result before a failing task, then throws its error', async () => {
    const pool = trackedPool({ processes: 2, backend });
    const { values, error } = await drain(pool.imap(poolTask('squareOrThrow'), [1, 2, 3, 4, 5]));
    expect(values).toEqual([1, 4]);
    expect(error).toBeInstanceOf(RemoteTaskError);
    expect((error as RemoteTaskError).index).toBe(2);

    const unordered = await drain(pool.imapUnordered(poolTask('squareOrThrow'), [1, 2, 3, 4, 5]));
    expect(unordered.error).toBeInstanceOf(RemoteTaskError);
    expect([1, 4, 16, 25]).toEqual(expect.arrayContaining(unordered.values as number[]));
    expect(await pool.map(poolTask('square'), [6])).toEqual([36]);
  });

  it('keeps what was yielded when a worker dies mid-stream, and the pool carries on', async () => {
    const pool = trackedPool({ processes: 1, backend });
    const { values, error } = await drain(pool.imap(poolTask('squareOrExit'), [1, 2, -1, 4]));
    expect(values).toEqual([1, 4]);
    expect(error).toBeInstanceOf(WorkerDiedError);
    expect((error as WorkerDiedError).code).toBe(3);
    expect((await drain(pool.imap(poolTask('square'), [5, 6]))).values).toEqual([25, 36]);
  });

  it('breaking out of for await cancels the tasks not started, without breaking the pool', async () => {
    const recorder = new TraceRecorder();
    const pool = trackedPool({ processes: 1, backend, onTrace: recorder.sink });
    const g = gates();
    // Task 1 holds the only worker until the loop has been left, so tasks 2.. cannot have started.
    const items = [
      ['a', null, null],
      ['b', g.path('left'), null],
      ...Array.from({ length: 8 }, (_, i) => [`c${i}`, null, null]),
    ];
    const seen: unknown[] = [];
    for await (const value of pool.imap(poolTask('gatedItem'), items)) {
      seen.push(value);
      break;
    }
    g.open('left');
    expect(seen).toEqual(['a']);
    expect(await pool.apply(poolTask('square'), [3])).toBe(9);
    const call = callOf(recorder.ofType('task-submit')[0]!.taskId);
    // Task 1 may have started (it was on the worker), none after it did.
    const started = recorder.ofType('task-start').filter((e) => callOf(e.taskId) === call);
    expect(started[0]!.taskId).toBe(`${call}:0`);
    expect(started.map((e) => e.taskId)).toEqual([`${call}:0`, `${call}:1`].slice(0, started.length));
    expect(pool.progress).toEqual({ done: 11, total: 11 });
  });

  it('an aborted signal ends the iteration with its reason; the pool stays usable', async () => {
    const pool = trackedPool({ processes: 1, backend });
    const g = gates();
    const controller = new AbortController();
    const stream = pool.imap(
      poolTask('gatedItem'),
      [
        ['a', null, null],
        ['b', g.path('never'), null],
        ['c', null, null],
      ],
      {
        signal: controller.signal,
      },
    );
    expect(await stream.next()).toEqual({ done: false, value: 'a' });
    controller.abort();
    await expect(stream.next()).rejects.toMatchObject({ name: 'AbortError' });
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    g.open('never');
    expect(await pool.map(poolTask('square'), [2])).toEqual([4]);
  });

  it('throws synchronously for bad arguments and fails with TaskLoadError on a missing export', async () => {
    const pool = trackedPool({ processes: 1, backend });
    expect(() => pool.imap(poolTask('square'), 3 as never)).toThrow(/"items"/);
    expect(() => pool.imapUnordered(poolTask('square'), [1], 0)).toThrow(/"chunksize"/);
    expect(() => pool.imap(poolTask('square'), [Symbol('s')])).toThrow(/items\[0\]/);
    expect(pool.pids).toEqual([]);
    const { error } = await drain(pool.imap(task(fixture('pool-tasks.ts'), 'missing'), [1]));
    expect(error).toBeInstanceOf(TaskLoadError);
  });
});
