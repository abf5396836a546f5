import { describe, expect, it } from 'vitest';
import { TraceCount } from '../../bench/probes/trace-count';
import { decodeChunk, encodeEvents } from '../../src/shared/trace-chunk';
import type { TraceEvent } from '../../src/shared/trace-schema';

const events: TraceEvent[] = [
  { type: 'task-submit', ts: 1, taskId: '4:0', name: 'inc', args: '0' },
  { type: 'task-start', ts: 2, taskId: '4:0', workerId: 0, pid: 7 },
  { type: 'task-end', ts: 3, taskId: '4:0', workerId: 0, pid: 7, ok: true },
  { type: 'task-end', ts: 4, taskId: '5:0', workerId: 1, pid: 8, ok: false, error: 'boom' },
  {
    type: 'task-batch',
    ts: 5,
    endTs: 6,
    taskId: '6:1',
    count: 40,
    name: 'inc',
    submitTs: 1,
    workerId: 1,
    pid: 8,
    ok: true,
    failed: 0,
  },
  { type: 'worker-exit', ts: 7, workerId: 0, pid: 7, code: 0, signal: null },
];

describe('TraceCount', () => {
  it('counts a chunk by its records, undecoded, exactly as the decoded events', () => {
    const chunk = encodeEvents(events);
    // The premise: task events are packed, the others objects.
    expect(chunk.objects.map((e) => e.type)).toEqual(['task-batch', 'worker-exit']);
    const packed = new TraceCount();
    packed.addChunk(chunk);
    const decoded = new TraceCount();
    decoded.add(decodeChunk(chunk));
    expect(packed.events).toBe(6);
    expect(packed.tasksEnded).toBe(42);
    const totals = (c: TraceCount): unknown[] => [c.events, c.tasksEnded, c.byType];
    expect(totals(packed)).toEqual(totals(decoded));
    expect(packed.byType).toEqual({
      'task-submit': 1,
      'task-start': 1,
      'task-end': 2,
      'task-batch': 1,
      'worker-exit': 1,
    });
  });
});
