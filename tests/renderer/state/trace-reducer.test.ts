import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { EMPTY_TRACE, reduceTrace, type TraceState } from '../../../src/renderer/state/trace-reducer';
import { ACTIVITY_RUN } from '../../fixtures/traces/activity-trace';

const spawn = (workerId: number, ts: number): TraceEvent => ({
  type: 'worker-spawn',
  ts,
  workerId,
  pid: 100 + workerId,
  backend: 'process',
});
const submit = (taskId: string, ts: number, args = '1'): TraceEvent => ({
  type: 'task-submit',
  ts,
  taskId,
  name: 'square',
  args,
});
const start = (taskId: string, workerId: number, ts: number): TraceEvent => ({
  type: 'task-start',
  ts,
  taskId,
  workerId,
  pid: 100 + workerId,
});
const end = (taskId: string, workerId: number, ts: number, ok = true): TraceEvent => ({
  type: 'task-end',
  ts,
  taskId,
  workerId,
  pid: 100 + workerId,
  ok,
  ...(ok ? {} : { error: 'boom' }),
});

/** A small run: 2 workers, 3 tasks, one failing. */
const RUN: TraceEvent[] = [
  spawn(0, 10),
  spawn(1, 12),
  submit('1:0', 20, '1'),
  submit('1:1', 21, '2'),
  submit('1:2', 22, '3'),
  start('1:0', 0, 30),
  start('1:1', 1, 31),
  end('1:0', 0, 50),
  start('1:2', 0, 51),
  end('1:1', 1, 60, false),
  end('1:2', 0, 70),
  { type: 'worker-exit', ts: 80, workerId: 0, pid: 100, code: 0, signal: null },
];

function plain(state: TraceState): unknown {
  return {
    tasks: Object.fromEntries([...state.tasks].sort(([a], [b]) => a.localeCompare(b))),
    workers: Object.fromEntries([...state.workers].sort(([a], [b]) => a - b)),
    minTs: state.minTs,
    maxTs: state.maxTs,
  };
}

describe('reduceTrace', () => {
  it('builds complete task records and worker lanes from one batch', () => {
    const state = reduceTrace(EMPTY_TRACE, RUN);
    expect(state.tasks.get('1:0')).toEqual({
      taskId: '1:0',
      name: 'square',
      args: '1',
      submitTs: 20,
      startTs: 30,
      endTs: 50,
      workerId: 0,
      pid: 100,
      ok: true,
      error: null,
    });
    expect(state.tasks.get('1:1')).toMatchObject({ ok: false, error: 'boom', workerId: 1 });
    expect(state.workers.get(0)).toEqual({
      workerId: 0,
      pid: 100,
      backend: 'process',
      spawnTs: 10,
      exitTs: 80,
      exitCode: 0,
      signal: null,
    });
    expect(state.workers.get(1)?.exitTs).toBeNull();
    expect([state.minTs, state.maxTs]).toEqual([10, 80]);
    expect(state.eventCount).toBe(RUN.length);
  });

  it('tracks the span in which tasks ran, apart from queueing, worker start-up and shutdown', () => {
    const exit: TraceEvent = { type: 'worker-exit', ts: 900, workerId: 0, pid: 100, code: 0, signal: null };
    const state = reduceTrace(EMPTY_TRACE, [
      spawn(0, 5),
      submit('a', 40),
      start('a', 0, 50),
      end('a', 0, 70),
      exit,
    ]);
    expect([state.minTs, state.maxTs]).toEqual([5, 900]);
    expect([state.taskMinTs, state.taskMaxTs]).toEqual([50, 70]);
    expect(reduceTrace(EMPTY_TRACE, [spawn(0, 5)]).taskMinTs).toBeNull();
  });

  it('handles events out of order within a batch', () => {
    const shuffled = [end('1:0', 0, 50), start('1:0', 0, 30), submit('1:0', 20)];
    const state = reduceTrace(EMPTY_TRACE, shuffled);
    expect(state.tasks.get('1:0')).toMatchObject({ submitTs: 20, startTs: 30, endTs: 50, ok: true });
  });

  it('handles a task-end arriving in an earlier batch than its task-start', () => {
    const first = reduceTrace(EMPTY_TRACE, [submit('1:0', 20), end('1:0', 0, 50)]);
    expect(first.tasks.get('1:0')).toMatchObject({ startTs: null, endTs: 50 });
    const second = reduceTrace(first, [start('1:0', 0, 30)]);
    expect(second.tasks.get('1:0')).toMatchObject({
      submitTs: 20,
      startTs: 30,
      endTs: 50,
      ok: true,
      workerId: 0,
    });
  });

  it('gives a worker a lane from its tasks even before its spawn arrives, and keeps spawn facts later', () => {
    const early = reduceTrace(EMPTY_TRACE, [start('1:0', 3, 30)]);
    expect(early.workers.get(3)).toMatchObject({ workerId: 3, pid: 103, spawnTs: null, backend: null });
    const later = reduceTrace(early, [spawn(3, 5), start('1:1', 3, 40)]);
    expect(later.workers.get(3)).toMatchObject({ pid: 103, spawnTs: 5, backend: 'process' });
  });

  it('turns a task-batch into one record standing for its tasks, spanning their run', () => {
    const batch: TraceEvent = {
      type: 'task-batch',
      ts: 100,
      endTs: 400,
      taskId: '2:4096',
      count: 100,
      name: 'square',
      submitTs: 20,
      workerId: 1,
      pid: 101,
      ok: true,
      failed: 0,
    };
    const state = reduceTrace(EMPTY_TRACE, [spawn(1, 10), batch]);
    expect([...state.tasks.values()]).toEqual([
      {
        taskId: '2:4096–4195',
        name: 'square',
        args: '100 tasks',
        submitTs: 20,
        startTs: 100,
        endTs: 400,
        workerId: 1,
        pid: 101,
        ok: true,
        error: null,
        count: 100,
        failed: 0,
      },
    ]);
    expect([state.minTs, state.maxTs]).toEqual([10, 400]);
    expect([state.taskMinTs, state.taskMaxTs]).toEqual([100, 400]);
    expect(reduceTrace(EMPTY_TRACE, [batch]).workers.get(1)).toMatchObject({ pid: 101 });
  });

  it('says how many tasks of a failed task-batch failed, with the first error', () => {
    const failed = (failedCount: number): TraceEvent => ({
      type: 'task-batch',
      ts: 5,
      endTs: 9,
      taskId: '3:0',
      count: 64,
      name: 'f',
      submitTs: 1,
      workerId: 0,
      pid: 100,
      ok: false,
      failed: failedCount,
      error: 'boom',
    });
    expect(reduceTrace(EMPTY_TRACE, [failed(1)]).tasks.get('3:0–63')).toMatchObject({
      ok: false,
      failed: 1,
      error: '1 of 64 failed: boom',
    });
    expect(reduceTrace(EMPTY_TRACE, [failed(64)]).tasks.get('3:0–63')?.error).toBe('boom');
  });

  it('ignores event types it does not know, without losing the rest of the batch', () => {
    const unknown = { type: 'future-event', ts: 1, lockId: 'x' } as unknown as TraceEvent;
    const state = reduceTrace(EMPTY_TRACE, [unknown, submit('1:0', 20)]);
    expect([...state.tasks.keys()]).toEqual(['1:0']);
    expect(state.workers.size).toBe(0);
    expect(state.minTs).toBe(20);
  });

  it('does not change its input and shares what a batch did not touch', () => {
    const before = reduceTrace(EMPTY_TRACE, RUN.slice(0, 5));
    const snapshot = plain(before);
    const after = reduceTrace(before, [end('1:0', 0, 50)]);
    expect(plain(before)).toEqual(snapshot);
    expect(after.workers).toBe(before.workers);
    expect(after.tasks.get('1:1')).toBe(before.tasks.get('1:1'));
    expect(reduceTrace(after, [])).toBe(after);
  });

  it('gives the same result however the events are ordered and split into batches', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(RUN, { minLength: RUN.length, maxLength: RUN.length }),
        fc.array(fc.integer({ min: 1, max: RUN.length }), { maxLength: 6 }),
        (order, cuts) => {
          const points = [...new Set(cuts)].sort((a, b) => a - b);
          let state = EMPTY_TRACE;
          let from = 0;
          for (const cut of [...points, order.length]) {
            state = reduceTrace(state, order.slice(from, cut));
            from = cut;
          }
          expect(plain(state)).toEqual(plain(reduceTrace(EMPTY_TRACE, RUN)));
        },
      ),
    );
  });

  it('ignores a known type that is malformed (a lock event without its lock)', () => {
    const malformed = { type: 'lock-acquire', ts: 1, lockId: 'x' } as unknown as TraceEvent;
    const state = reduceTrace(EMPTY_TRACE, [malformed, submit('1:0', 20)]);
    expect(state.minTs).toBe(20);
    expect(state.activity.locks.size).toBe(0);
  });

  it('folds lock, queue, process and output events into the activity, in the same pass as tasks', () => {
    const state = reduceTrace(EMPTY_TRACE, [...RUN, ...ACTIVITY_RUN]);
    expect(state.tasks.size).toBe(3);
    expect(state.activity.locks.get('100.0/1')).toMatchObject({ name: 'print-lock', acquisitions: 2 });
    expect(state.activity.channels.get('100.0/2')).toMatchObject({ name: 'results', ins: 2 });
    // Pool workers are actors too (worker-spawn), next to the processes.
    expect([...state.activity.actors.keys()].sort()).toEqual(['100.0', '100.1', '101.0', '201.0']);
    // The session's span covers its activity as well as its tasks.
    expect([state.minTs, state.maxTs]).toEqual([10, 5300]);
    expect([state.taskMinTs, state.taskMaxTs]).toEqual([30, 70]);
  });

  it('keeps every earlier state intact when one is reduced twice (branches)', () => {
    const base = reduceTrace(EMPTY_TRACE, RUN.slice(0, 5));
    const a = reduceTrace(base, [start('1:0', 0, 30)]);
    const b = reduceTrace(base, [start('1:0', 1, 99), submit('x', 1)]);
    expect(base.tasks.get('1:0')?.startTs).toBeNull();
    expect(a.tasks.get('1:0')).toMatchObject({ startTs: 30, workerId: 0 });
    expect(b.tasks.get('1:0')).toMatchObject({ startTs: 99, workerId: 1 });
    expect([a.tasks.has('x'), b.tasks.has('x'), a.tasks.size, b.tasks.size]).toEqual([false, true, 3, 4]);
  });

  it('never walks the whole task map to apply a batch (the per-frame copy is gone)', () => {
    const many = Array.from({ length: 5000 }, (_, i) => submit(`9:${i}`, i));
    const big = reduceTrace(EMPTY_TRACE, many);
    const methods = ['entries', 'keys', 'values', 'forEach', Symbol.iterator] as const;
    const target = big.tasks as unknown as Record<PropertyKey, () => unknown>;
    const spies = methods.map((m) => vi.spyOn(target, m));
    const next = reduceTrace(big, [start('9:17', 0, 9000), end('9:17', 0, 9100)]);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(next.tasks.get('9:17')).toMatchObject({ submitTs: 17, startTs: 9000, endTs: 9100 });
    expect(big.tasks.get('9:17')?.startTs).toBeNull();
    expect(next.tasks.size).toBe(5000);
  });
});
