import { describe, expect, it } from 'vitest';
import { decodeChunk } from '../../../src/shared/trace-chunk';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { runTasks, runTasksTraced, type TaskFunction } from '../../../src/workers/runtime/run-tasks';
import { TaskRecorder } from '../../../src/workers/runtime/task-recorder';
import { TraceBuffer } from '../../../src/workers/runtime/trace-buffer';

const square: TaskFunction = (x) => (x as number) ** 2;
const half: TaskFunction = (x) => ((x as number) % 2 === 0 ? (x as number) / 2 : `odd ${x as number}`);
const asyncDouble: TaskFunction = async (x) => {
  await new Promise<void>((resolve) => setImmediate(resolve));
  return (x as number) * 2;
};
const failOn = (bad: number, asynchronous = false): TaskFunction =>
  asynchronous
    ? async (x) => {
        if (x === bad) throw new RangeError(`bad ${x}`);
        return x;
      }
    : (x) => {
        if (x === bad) throw new RangeError(`bad ${x}`);
        return x;
      };

/** A recorder for a large (not detailed) call, and everything it sends. */
function recorder(args: ArrayLike<unknown>): { rec: TaskRecorder; sent: TraceEvent[] } {
  const sent: TraceEvent[] = [];
  const buffer = new TraceBuffer((chunk) => sent.push(...decodeChunk(chunk)), {
    maxEvents: 256,
    intervalMs: 25,
  });
  const rec = new TaskRecorder(buffer, 0, 1, 100);
  rec.begin({ callId: 5, submitTs: 0, detailed: false, start: 0, name: 't', args, spread: false });
  return { rec, sent };
}

/** How many times the trace covers each task: once, by its task-end or a task-batch. */
function coverage(events: TraceEvent[], count: number): number[] {
  const times = new Array<number>(count).fill(0);
  for (const e of events) {
    if (e.type !== 'task-end' && e.type !== 'task-batch') continue;
    const first = Number(e.taskId.split(':')[1]);
    for (let k = 0; k < (e.type === 'task-batch' ? e.count : 1); k++) times[first + k]! += 1;
  }
  return times;
}

describe('runTasks', () => {
  it('returns many numbers as one Float64Array, a few as an array, anything else as a packed array', async () => {
    const many = Float64Array.from({ length: 100 }, (_, i) => i);
    const numbers = await runTasks(square, { args: many, spread: false });
    expect(numbers).toEqual({ values: many.map((x) => x * x), failures: [] });
    // A few numbers travel as JSON more cheaply than as a typed array.
    const few = await runTasks(square, { args: new Float64Array([1, 2, 3]), spread: false });
    expect(few).toEqual({ values: [1, 4, 9], failures: [] });
    // The first non-number moves the numbers before it into an array.
    const mixed = await runTasks(half, { args: [2, 4, 5, 6], spread: false });
    expect(mixed).toEqual({ values: [1, 2, 'odd 5', 3], failures: [] });
  });

  it('awaits promise results and records each failure, sync or async, at its index', async () => {
    expect((await runTasks(asyncDouble, { args: [1, 2, 3], spread: false })).values).toEqual([2, 4, 6]);
    for (const asynchronous of [false, true]) {
      const { values, failures } = await runTasks(failOn(2, asynchronous), {
        args: [1, 2, 3],
        spread: false,
      });
      expect(values).toEqual([1, undefined, 3]);
      expect(failures).toEqual([
        { index: 1, error: expect.objectContaining({ name: 'RangeError', message: 'bad 2' }) },
      ]);
    }
  });

  it('spreads argument lists', async () => {
    const add: TaskFunction = (a, b) => (a as number) + (b as number);
    expect(
      (
        await runTasks(add, {
          args: [
            [1, 2],
            [3, 4],
          ],
          spread: true,
        })
      ).values,
    ).toEqual([3, 7]);
  });
});

describe('runTasksTraced', () => {
  it('gives the same results as an untraced run and covers every task once in the trace', async () => {
    const args = Array.from({ length: 20_000 }, (_, i) => i);
    const { rec, sent } = recorder(args);
    const traced = await runTasksTraced(square, { args, spread: false }, rec);
    rec.flush(0);
    expect(traced).toEqual(await runTasks(square, { args, spread: false }));
    expect(coverage(sent, args.length).every((t) => t === 1)).toBe(true);
    // Tiny tasks are timed in groups and batched: far fewer events than tasks.
    expect(sent.length).toBeLessThan(args.length / 10);
  });

  it('records async tasks and failures, each task once', async () => {
    const args = Array.from({ length: 50 }, (_, i) => i);
    const asyncRun = recorder(args);
    const doubled = await runTasksTraced(asyncDouble, { args, spread: false }, asyncRun.rec);
    asyncRun.rec.flush(0);
    expect(doubled.values).toEqual(args.map((x) => x * 2));
    expect(coverage(asyncRun.sent, args.length).every((t) => t === 1)).toBe(true);

    const failing = recorder(args);
    const result = await runTasksTraced(failOn(30), { args, spread: false }, failing.rec);
    failing.rec.flush(0);
    expect(result.failures.map((f) => f.index)).toEqual([30]);
    expect(coverage(failing.sent, args.length).every((t) => t === 1)).toBe(true);
    const shown = failing.sent.find(
      (e) => (e.type === 'task-end' || e.type === 'task-batch') && !e.ok && e.error === 'bad 30',
    );
    expect(shown).toBeDefined();
  });
});
