import { afterEach, describe, expect, it, vi } from 'vitest';
import { chunkEventCount, decodeChunk, type TraceChunk } from '../../../src/shared/trace-chunk';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { setTraceSink, task } from '../../../src/workers/runtime/index';
import { summarizeArgs } from '../../../src/workers/runtime/trace';
import { TraceRecorder, fixture, mathTask, trackedPool } from './helpers';
import { BACKENDS, drain, poolTask } from './pool-helpers';

const isWorkerEvent = (e: TraceEvent): boolean => e.type !== 'task-submit' && e.type !== 'worker-exit';

describe('Pool tracing', () => {
  afterEach(() => setTraceSink(null));

  it('records one submit, start and end per task, on one clock, delivered in batches', async () => {
    const recorder = new TraceRecorder();
    const pool = trackedPool({ processes: 2, onTrace: recorder.sink });
    expect(pool.tracing).toBe(true);
    const n = 3000;
    const items = Array.from({ length: n }, (_, i) => i);
    await pool.map(mathTask('square'), items);

    // Every end is delivered by the time the results are: nothing is awaited after map().
    const submits = new Map(recorder.ofType('task-submit').map((e) => [e.taskId, e]));
    const starts = new Map(recorder.ofType('task-start').map((e) => [e.taskId, e]));
    const ends = new Map(recorder.ofType('task-end').map((e) => [e.taskId, e]));
    expect(recorder.ofType('task-submit')).toHaveLength(n);
    expect(recorder.ofType('task-start')).toHaveLength(n);
    expect(recorder.ofType('task-end')).toHaveLength(n);
    expect(submits.size).toBe(n);
    expect([...starts.keys()].sort()).toEqual([...submits.keys()].sort());
    expect([...ends.keys()].sort()).toEqual([...submits.keys()].sort());

    const spawned = new Map(recorder.ofType('worker-spawn').map((e) => [e.workerId, e.pid]));
    for (const [taskId, submit] of submits) {
      const start = starts.get(taskId);
      const end = ends.get(taskId);
      expect(submit.name).toBe('square');
      expect(start!.ts).toBeGreaterThanOrEqual(submit.ts);
      expect(end!.ts).toBeGreaterThanOrEqual(start!.ts);
      expect(end!.ok).toBe(true);
      expect(spawned.get(start!.workerId)).toBe(start!.pid);
    }
    expect(submits.get(`${[...submits.keys()][0]!.split(':')[0]}:7`)?.args).toBe('7');

    const workerEvents = recorder.events.filter(isWorkerEvent).length;
    const workerBatches = recorder.batches.filter((b) => b.some(isWorkerEvent)).length;
    expect(workerBatches * 10).toBeLessThan(workerEvents);
  });

  it('traces a large map of tiny tasks compactly: every task once, on its own or in a batch', async () => {
    const recorder = new TraceRecorder();
    const pool = trackedPool({ processes: 2, onTrace: recorder.sink });
    const n = 20_000;
    const result = await pool.map<number, number>(
      mathTask('square'),
      Array.from({ length: n }, (_, i) => i),
    );
    expect(result[n - 1]).toBe((n - 1) ** 2);

    const ends = recorder.ofType('task-end');
    const batches = recorder.ofType('task-batch');
    const callId = (ends[0] ?? batches[0])!.taskId.split(':')[0];
    const index = (taskId: string): number => Number(taskId.split(':')[1]);
    const times = new Array<number>(n).fill(0);
    for (const end of ends) times[index(end.taskId)]! += 1;
    for (const batch of batches) {
      for (let k = 0; k < batch.count; k++) times[index(batch.taskId) + k]! += 1;
    }
    expect(times.every((t) => t === 1)).toBe(true);

    // Tasks on their own have all three events in order; batches carry the same submit time.
    const submits = new Map(recorder.ofType('task-submit').map((e) => [e.taskId, e]));
    const starts = new Map(recorder.ofType('task-start').map((e) => [e.taskId, e]));
    const submitTs = new Set([...submits.values()].map((e) => e.ts));
    for (const end of ends) {
      expect(submits.get(end.taskId)!.ts).toBeLessThanOrEqual(starts.get(end.taskId)!.ts);
      expect(starts.get(end.taskId)!.ts).toBeLessThanOrEqual(end.ts);
    }
    const spawned = new Map(recorder.ofType('worker-spawn').map((e) => [e.workerId, e.pid]));
    for (const batch of batches) {
      submitTs.add(batch.submitTs);
      expect(batch.ts).toBeGreaterThanOrEqual(batch.submitTs);
      expect(batch.endTs).toBeGreaterThanOrEqual(batch.ts);
      expect(batch).toMatchObject({ name: 'square', ok: true, failed: 0 });
      expect(spawned.get(batch.workerId)).toBe(batch.pid);
    }
    expect(submitTs.size).toBe(1);
    // Each chunk's first task (default chunksize 2500) shows on its own, as running at once.
    for (let start = 0; start < n; start += 2500) expect(starts.has(`${callId}:${start}`)).toBe(true);
    expect(recorder.events.length).toBeLessThan(n / 4);
  });

  it('shows where a task of a large map failed, with its error', async () => {
    const recorder = new TraceRecorder();
    const pool = trackedPool({ processes: 2, onTrace: recorder.sink });
    const items = Array.from({ length: 10_000 }, (_, i) => (i === 7000 ? 3 : 1));
    await expect(pool.map(mathTask('failOnThree'), items)).rejects.toThrow('bad item 3');
    const index = (taskId: string): number => Number(taskId.split(':')[1]);
    const failedEnd = recorder.ofType('task-end').find((e) => !e.ok);
    const failedBatch = recorder.ofType('task-batch').find((e) => !e.ok);
    if (failedEnd) {
      expect(index(failedEnd.taskId)).toBe(7000);
      expect(failedEnd.error).toBe('bad item 3');
    } else {
      const first = index(failedBatch!.taskId);
      expect(first).toBeLessThanOrEqual(7000);
      expect(first + failedBatch!.count).toBeGreaterThan(7000);
      expect(failedBatch).toMatchObject({ failed: 1, error: 'bad item 3' });
    }
  });

  it('records worker-spawn for each worker and worker-exit as each one ends', async () => {
    const recorder = new TraceRecorder();
    const pool = trackedPool({ processes: 2, onTrace: recorder.sink });
    await pool.map(mathTask('square'), [1, 2, 3, 4]);
    const pids = pool.pids.sort();
    pool.close();
    await pool.join();

    const spawns = recorder.ofType('worker-spawn');
    // Ids are unique in the process (two pools never share a lane), so only their count is known.
    expect(new Set(spawns.map((e) => e.workerId)).size).toBe(2);
    expect(spawns.map((e) => e.pid).sort()).toEqual(pids);
    expect(spawns.every((e) => e.backend === 'process')).toBe(true);
    const exits = recorder.ofType('worker-exit');
    expect(exits.map((e) => e.pid).sort()).toEqual(pids);
    expect(exits.every((e) => e.code === 0 && e.signal === null)).toBe(true);
    for (const exit of exits) {
      const spawn = spawns.find((s) => s.workerId === exit.workerId);
      expect(exit.ts).toBeGreaterThanOrEqual(spawn!.ts);
    }
  });

  it("names a thread worker's thread on its worker-spawn and worker-exit, the actor of its other events", async () => {
    const recorder = new TraceRecorder();
    const pool = trackedPool({ processes: 1, backend: 'thread', onTrace: recorder.sink });
    // The worker thread, as it says itself.
    const [[, pid, tid]] = (await pool.map(task(fixture('pool-tasks.ts'), 'where'), [0])) as [
      [number, number, number],
    ];
    pool.close();
    await pool.join();
    expect(tid).toBeGreaterThan(0);
    expect(recorder.ofType('worker-spawn')).toEqual([
      expect.objectContaining({ pid, tid, backend: 'thread' }),
    ]);
    expect(recorder.ofType('worker-exit')).toEqual([expect.objectContaining({ pid, tid })]);
  });

  it('records a failing task as ended with ok: false and its message', async () => {
    const recorder = new TraceRecorder();
    const pool = trackedPool({ processes: 1, onTrace: recorder.sink });
    await expect(pool.map(mathTask('failOnThree'), [1, 2, 3, 4], 4)).rejects.toThrow('bad item 3');
    const ends = recorder.ofType('task-end');
    expect(ends.filter((e) => !e.ok).map((e) => e.error)).toEqual(['bad item 3']);
    expect(ends.filter((e) => e.ok)).toHaveLength(3);
  });

  it('creates no events at all when tracing is off', async () => {
    const onTrace = vi.fn();
    const pool = trackedPool({ processes: 2, onTrace, tracing: false });
    expect(await pool.map(mathTask('square'), [1, 2, 3, 4, 5])).toEqual([1, 4, 9, 16, 25]);
    pool.close();
    await pool.join();
    expect(onTrace).not.toHaveBeenCalled();
  });

  it('sends a lone numeric argument as the number, summarised as String(x) when decoded', async () => {
    const chunks: TraceChunk[] = [];
    const pool = trackedPool({ processes: 1, onTraceChunk: (chunk) => chunks.push(chunk) });
    const numbers = [5, -0, NaN, Infinity, 1e21, 0.1];
    await Promise.all(numbers.map((x) => pool.applyAsync(poolTask('square'), [x]).get()));
    await pool.applyAsync(poolTask('square'), ['7']).get();
    pool.close();
    await pool.join();
    const submits = chunks.flatMap(decodeChunk).filter((e) => e.type === 'task-submit');
    expect(submits.map((e) => e.args)).toEqual([...numbers.map((x) => summarizeArgs([x])), '"7"']);
    // No summary string was made per numeric task: only the string argument's travels.
    const strings = chunks.flatMap((c) => c.strings);
    expect(strings).toContain('"7"');
    for (const x of numbers) expect(strings).not.toContain(String(x));
  });

  it.each(BACKENDS)(
    'hands onTraceChunk the chunks undecoded, holding the same events an onTrace gets (%s backend)',
    async (backend) => {
      const chunks: TraceChunk[] = [];
      const pool = trackedPool({ processes: 2, backend, onTraceChunk: (chunk) => chunks.push(chunk) });
      expect(pool.tracing).toBe(true);
      const n = 200;
      for (let i = 0; i < n; i++) void pool.applyAsync(poolTask('square'), [i]);
      await pool.map(poolTask('square'), [1, 2, 3]);
      pool.close();
      await pool.join();
      // Task events travel packed: numbers, not an object per event.
      expect(chunks.every((c) => c.records instanceof Float64Array)).toBe(true);
      const packed = chunks.reduce((sum, c) => sum + chunkEventCount(c) - c.objects.length, 0);
      expect(packed).toBeGreaterThanOrEqual(3 * (n + 3));
      const events = chunks.flatMap(decodeChunk);
      const ends = events.filter((e) => e.type === 'task-end');
      expect(ends).toHaveLength(n + 3);
      expect(events.filter((e) => e.type === 'task-submit')).toHaveLength(n + 3);
      expect(events.filter((e) => e.type === 'worker-exit')).toHaveLength(2);
      // Every task's submit comes before its start, and its start before its end.
      const at = new Map<string, number>();
      events.forEach((e, i) => {
        if (e.type === 'task-submit' || e.type === 'task-start' || e.type === 'task-end') {
          at.set(`${e.type}/${e.taskId}`, i);
        }
      });
      for (const end of ends) {
        expect(at.get(`task-submit/${end.taskId}`)).toBeLessThan(at.get(`task-start/${end.taskId}`)!);
        expect(at.get(`task-start/${end.taskId}`)).toBeLessThan(at.get(`task-end/${end.taskId}`)!);
      }
    },
  );

  it('traces into the global sink by default once one is set', async () => {
    expect(trackedPool({ processes: 1 }).tracing).toBe(false);
    const recorder = new TraceRecorder();
    setTraceSink(recorder.sink);
    const pool = trackedPool({ processes: 1 });
    expect(pool.tracing).toBe(true);
    await pool.map(mathTask('square'), [1, 2]);
    expect(recorder.ofType('task-end')).toHaveLength(2);
    expect(() => setTraceSink('nope' as never)).toThrow(TypeError);
  });

  it.each(BACKENDS)('records submit, start and end for every call kind (%s backend)', async (backend) => {
    const recorder = new TraceRecorder();
    const pool = trackedPool({ processes: 2, backend, onTrace: recorder.sink });
    await pool.apply(poolTask('add'), [1, 2]);
    await pool.applyAsync(poolTask('square'), [3]).get();
    await pool.starmap(poolTask('add'), [[4, 5]]);
    await pool.mapAsync(poolTask('square'), [6]).get();
    await drain(pool.imap(poolTask('square'), [7, 8]));
    await drain(pool.imapUnordered(poolTask('square'), [9]));
    const submits = recorder.ofType('task-submit');
    expect(submits.map((e) => [e.name, e.args])).toEqual([
      ['add', '1, 2'],
      ['square', '3'],
      ['add', '4, 5'],
      ['square', '6'],
      ['square', '7'],
      ['square', '8'],
      ['square', '9'],
    ]);
    expect(new Set(submits.map((e) => e.taskId.split(':')[0])).size).toBe(6);
    const ids = submits.map((e) => e.taskId).sort();
    expect(
      recorder
        .ofType('task-start')
        .map((e) => e.taskId)
        .sort(),
    ).toEqual(ids);
    expect(
      recorder
        .ofType('task-end')
        .map((e) => e.taskId)
        .sort(),
    ).toEqual(ids);
    expect(recorder.ofType('worker-spawn').every((e) => e.backend === backend)).toBe(true);
  });
});
