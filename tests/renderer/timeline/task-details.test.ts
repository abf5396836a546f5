import { describe, expect, it } from 'vitest';
import { EMPTY_TRACE, reduceTrace } from '../../../src/renderer/state/trace-reducer';
import {
  colorSlot,
  countTasks,
  laneLabel,
  PALETTE_SIZE,
  taskDetails,
} from '../../../src/renderer/timeline/task-details';

const trace = reduceTrace(EMPTY_TRACE, [
  { type: 'task-submit', ts: 1_000, taskId: '1:0', name: 'square', args: '3' },
  { type: 'task-start', ts: 3_500, taskId: '1:0', workerId: 1, pid: 4242 },
  { type: 'task-end', ts: 15_500, taskId: '1:0', workerId: 1, pid: 4242, ok: true },
  { type: 'task-submit', ts: 1_000, taskId: '1:1', name: 'square', args: '4' },
  { type: 'task-start', ts: 2_000, taskId: '1:1', workerId: 0, pid: 4241 },
  { type: 'task-submit', ts: 1_000, taskId: '1:2', name: 'square', args: '5' },
  { type: 'task-submit', ts: 1_000, taskId: '1:3', name: 'square', args: '6' },
  { type: 'task-start', ts: 2_000, taskId: '1:3', workerId: 0, pid: 4241 },
  { type: 'task-end', ts: 2_500, taskId: '1:3', workerId: 0, pid: 4241, ok: false, error: 'RangeError: no' },
]);

describe('taskDetails', () => {
  it('lists task id, args, worker and pid, duration and queue wait', () => {
    const { title, rows } = taskDetails(trace.tasks.get('1:0')!, 0);
    expect(title).toBe('square');
    expect(Object.fromEntries(rows.map((r) => [r.label, r.value]))).toEqual({
      task: '1:0',
      args: '3',
      worker: 'W1 · pid 4242',
      duration: '12.0 ms',
      'queue wait': '2.50 ms',
    });
  });

  it('measures a running task up to now and shows a failed task’s error', () => {
    const running = taskDetails(trace.tasks.get('1:1')!, 7_000).rows.find((r) => r.label === 'duration');
    expect(running?.value).toBe('5.00 ms (running)');
    const cutOff = taskDetails(trace.tasks.get('1:1')!, 7_000, false).rows.find(
      (r) => r.label === 'duration',
    );
    expect(cutOff?.value).toBe('5.00 ms (cut off)');
    const failed = taskDetails(trace.tasks.get('1:3')!, 0).rows.find((r) => r.label === 'error');
    expect(failed?.value).toBe('RangeError: no');
  });
});

describe('countTasks', () => {
  it('splits tasks into queued, running, done and failed', () => {
    expect(countTasks(trace)).toEqual({ queued: 1, running: 1, done: 1, failed: 1 });
  });

  it('counts every task a batch stands for, and its failures', () => {
    const batched = reduceTrace(trace, [
      {
        type: 'task-batch',
        ts: 10,
        taskId: '2:0',
        count: 100,
        name: 'square',
        submitTs: 1,
        endTs: 20,
        workerId: 0,
        pid: 7,
        ok: false,
        failed: 3,
        error: 'no',
      },
    ]);
    expect(countTasks(batched)).toEqual({ queued: 1, running: 1, done: 98, failed: 4 });
  });
});

describe('laneLabel', () => {
  it('names the worker and its pid, and says when it has exited', () => {
    const worker = {
      workerId: 2,
      pid: 77,
      backend: 'process' as const,
      spawnTs: 0,
      exitTs: null,
      exitCode: null,
      signal: null,
    };
    expect(laneLabel(worker)).toEqual({ name: 'W2', detail: 'pid 77', exited: false });
    expect(laneLabel({ ...worker, exitTs: 5 }).exited).toBe(true);
    expect(laneLabel({ ...worker, pid: null }).detail).toBe('');
  });
});

describe('colorSlot', () => {
  it('gives one name one slot, always inside the palette', () => {
    expect(colorSlot('square')).toBe(colorSlot('square'));
    const slots = new Set(['a', 'b', 'c', 'square', 'cube', 'fib', 'sleep', 'hash', 'sum'].map(colorSlot));
    expect([...slots].every((s) => s >= 0 && s < PALETTE_SIZE)).toBe(true);
    expect(slots.size).toBeGreaterThan(1);
  });
});
