import { describe, expect, it } from 'vitest';
import {
  CHUNK_CODE,
  TRACE_CHUNK_STRIDE,
  decodeChunk,
  type TraceChunk,
} from '../../../src/shared/trace-chunk';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { TaskRecorder, type RecordedChunk } from '../../../src/workers/runtime/task-recorder';
import { TraceBuffer } from '../../../src/workers/runtime/trace-buffer';

const BELOW_US = 100;

/** A recorder on a buffer that only flushes when asked (or after 1 s of trace time). */
function setup(): { rec: TaskRecorder; sent: TraceEvent[] } {
  const sent: TraceEvent[] = [];
  const buffer = new TraceBuffer((chunk) => sent.push(...decodeChunk(chunk)), {
    maxEvents: 10_000,
    intervalMs: 1000,
  });
  return { rec: new TaskRecorder(buffer, 3, 42, BELOW_US), sent };
}

function chunk(count: number, detailed: boolean, start = 0): RecordedChunk {
  const args = Array.from({ length: count }, (_, i) => start + i);
  return { callId: 9, submitTs: 1, detailed, start, name: 'square', args, spread: false };
}

/** Runs `durations.length` tasks back to back from `t0`, in the groups the recorder asks for. */
function run(rec: TaskRecorder, durations: number[], t0 = 10, failing = new Set<number>()): number {
  let ts = t0;
  for (let i = 0; i < durations.length;) {
    const end = i + rec.groupStarted(i, ts);
    let failed = 0;
    for (; i < end; i++) {
      ts += durations[i]!;
      if (failing.has(i)) failed++;
    }
    rec.groupEnded(ts, failed, failed > 0 ? 'boom' : undefined);
  }
  rec.flush(ts);
  return ts;
}

const ofType = <K extends TraceEvent['type']>(events: TraceEvent[], type: K) =>
  events.filter((e): e is Extract<TraceEvent, { type: K }> => e.type === type);

/** Task indexes each event covers: a task-end covers its task, a batch its range. */
function covered(events: TraceEvent[]): number[] {
  const ids: number[] = [];
  for (const e of events) {
    const index = Number(e.type === 'task-end' || e.type === 'task-batch' ? e.taskId.split(':')[1] : NaN);
    if (e.type === 'task-end') ids.push(index);
    if (e.type === 'task-batch') for (let k = 0; k < e.count; k++) ids.push(index + k);
  }
  return ids.sort((a, b) => a - b);
}

describe('TaskRecorder', () => {
  it("sends a lone chunk's first start at once, not a group's (the pool grouped them as short)", () => {
    const sends: TraceEvent[][] = [];
    const buffer = new TraceBuffer((c) => sends.push(decodeChunk(c)), {
      maxEvents: 10_000,
      intervalMs: 1000,
    });
    const rec = new TaskRecorder(buffer, 3, 42, BELOW_US);
    buffer.flush(0);
    rec.begin(chunk(1, true));
    rec.groupStarted(0, 10);
    // A synchronous task cannot flush while it runs: a long one shows as running only this way.
    expect(sends.flat()).toEqual([{ type: 'task-start', ts: 10, taskId: '9:0', workerId: 3, pid: 42 }]);
    rec.groupEnded(11, 0, undefined);
    sends.length = 0;
    rec.begin({ ...chunk(3, true), taskCalls: [7, 8, 9] });
    let ts = 20;
    for (let i = 0; i < 3; i++) {
      expect(rec.groupStarted(i, ts)).toBe(1);
      rec.groupEnded(++ts, 0, undefined);
    }
    expect(sends).toEqual([]);
    rec.flush(ts);
    const events = sends.flat();
    expect(ofType(events, 'task-start').map((e) => [e.taskId, e.ts])).toEqual([
      ['7:0', 20],
      ['8:0', 21],
      ['9:0', 22],
    ]);
    expect(ofType(events, 'task-end').map((e) => e.taskId)).toEqual(['9:0', '7:0', '8:0', '9:0']);
  });

  it('records every task of a detailed call on its own, however short, without submits', () => {
    const { rec, sent } = setup();
    rec.begin(chunk(50, true));
    run(rec, Array<number>(50).fill(0.1));
    expect(ofType(sent, 'task-start').map((e) => e.taskId)).toEqual(
      Array.from({ length: 50 }, (_, i) => `9:${i}`),
    );
    expect(ofType(sent, 'task-end')).toHaveLength(50);
    expect(ofType(sent, 'task-submit')).toEqual([]);
    expect(ofType(sent, 'task-batch')).toEqual([]);
  });

  it('folds the short tasks of a large call into a batch, timing them in growing groups', () => {
    const { rec, sent } = setup();
    rec.begin(chunk(5000, false, 1000));
    const end = run(rec, Array<number>(5000).fill(0.01));
    // The chunk's first task shows as running at once, so it keeps its own events and submit.
    expect(ofType(sent, 'task-submit')).toEqual([
      { type: 'task-submit', ts: 1, taskId: '9:1000', name: 'square', args: '1000' },
    ]);
    expect(ofType(sent, 'task-start').map((e) => e.taskId)).toEqual(['9:1000']);
    const batches = ofType(sent, 'task-batch');
    expect(batches).toEqual([
      {
        type: 'task-batch',
        taskId: '9:1001',
        count: 4999,
        name: 'square',
        submitTs: 1,
        ts: 10.01,
        endTs: end,
        workerId: 3,
        pid: 42,
        ok: true,
        failed: 0,
      },
    ]);
    expect(covered(sent)).toEqual(Array.from({ length: 5000 }, (_, i) => 1000 + i));
  });

  it('asks for larger groups while tasks are fast, up to a cap, and for one task after a slow group', () => {
    const { rec } = setup();
    rec.begin(chunk(100_000, false));
    let ts = 0;
    let i = 0;
    const sizes: number[] = [];
    while (sizes.length < 20) {
      const size = rec.groupStarted(i, ts);
      sizes.push(size);
      i += size;
      ts += 0.001 * size;
      rec.groupEnded(ts, 0, undefined);
    }
    expect(sizes.slice(0, 4)).toEqual([1, 2, 4, 8]);
    expect(Math.max(...sizes)).toBe(1024);
    i += rec.groupStarted(i, ts);
    ts += BELOW_US;
    rec.groupEnded(ts, 0, undefined);
    expect(rec.groupStarted(i, ts)).toBe(1);
  });

  it('gives a long or failed task its own events, closing the batch before it', () => {
    const { rec, sent } = setup();
    rec.begin(chunk(6, false));
    // Task 2 is slow; task 4 fails. Tasks of 10 µs are timed one by one (too slow to group).
    run(rec, [10, 10, 500, 10, 10, 10], 10, new Set([4]));
    const ends = ofType(sent, 'task-end');
    expect(ends.map((e) => [e.taskId, e.ok, e.error])).toEqual([
      ['9:0', true, undefined],
      ['9:2', true, undefined],
      ['9:4', false, 'boom'],
    ]);
    expect(ofType(sent, 'task-start').find((e) => e.taskId === '9:2')?.ts).toBe(30);
    expect(ofType(sent, 'task-submit').map((e) => e.taskId)).toEqual(['9:0', '9:2', '9:4']);
    expect(ofType(sent, 'task-batch').map((e) => [e.taskId, e.count])).toEqual([
      ['9:1', 1],
      ['9:3', 1],
      ['9:5', 1],
    ]);
    expect(covered(sent)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('records a group timed together as a batch of its own when it was slow or had a failure', () => {
    const { rec, sent } = setup();
    rec.begin(chunk(4000, false));
    const durations = Array<number>(4000).fill(0.01);
    durations[3000] = 250;
    const failing = new Set([3500]);
    run(rec, durations, 0, failing);
    const batches = ofType(sent, 'task-batch');
    const slow = batches.find((b) => b.endTs - b.ts >= 250);
    expect(slow).toMatchObject({ ok: true, failed: 0 });
    const bad = batches.find((b) => !b.ok);
    expect(bad).toMatchObject({ ok: false, failed: 1, error: 'boom' });
    const first = Number(bad!.taskId.split(':')[1]);
    expect(first).toBeLessThanOrEqual(3500);
    expect(first + bad!.count).toBeGreaterThan(3500);
    expect(covered(sent)).toEqual(Array.from({ length: 4000 }, (_, i) => i));
  });

  it('sends the start of a task running during a flush, and records it on its own', () => {
    const { rec, sent } = setup();
    rec.begin(chunk(3, false));
    rec.groupStarted(0, 10);
    rec.groupEnded(20, 0, undefined);
    expect(rec.groupStarted(1, 20)).toBe(1);
    rec.flush(22);
    expect(ofType(sent, 'task-start').map((e) => e.taskId)).toEqual(['9:0', '9:1']);
    expect(ofType(sent, 'task-submit').map((e) => e.taskId)).toEqual(['9:0', '9:1']);
    rec.groupEnded(30, 0, undefined);
    rec.flush(31);
    expect(ofType(sent, 'task-start').map((e) => e.taskId)).toEqual(['9:0', '9:1']);
    expect(ofType(sent, 'task-end').map((e) => [e.taskId, e.ts])).toEqual([
      ['9:0', 20],
      ['9:1', 30],
    ]);
    expect(ofType(sent, 'task-batch')).toEqual([]);
  });

  it('fails every task of a chunk whose function could not load', () => {
    const detailed = setup();
    detailed.rec.begin(chunk(2, true));
    detailed.rec.chunkFailed(5, 'no export');
    expect(detailed.sent.map((e) => e.type)).toEqual(['task-start', 'task-end', 'task-start', 'task-end']);
    expect(ofType(detailed.sent, 'task-end').every((e) => !e.ok && e.error === 'no export')).toBe(true);

    const large = setup();
    large.rec.begin(chunk(500, false, 4096));
    large.rec.chunkFailed(5, 'no export');
    expect(large.sent).toEqual([
      {
        type: 'task-batch',
        taskId: '9:4096',
        count: 500,
        name: 'square',
        submitTs: 1,
        ts: 5,
        endTs: 5,
        workerId: 3,
        pid: 42,
        ok: false,
        failed: 500,
        error: 'no export',
      },
    ]);
  });

  it("writes a detailed task's start and end as one record, unless its start left earlier", () => {
    const chunks: TraceChunk[] = [];
    const buffer = new TraceBuffer((c) => chunks.push(c), { maxEvents: 10_000, intervalMs: 1000 });
    const rec = new TaskRecorder(buffer, 3, 42, BELOW_US);
    buffer.flush(0);
    // A lone call's task: its start is sent at once, so its end is a record of its own.
    rec.begin(chunk(1, true));
    rec.groupStarted(0, 10);
    rec.groupEnded(11, 0, undefined);
    // A group of single-task calls: one record per task, the failed one's error kept.
    rec.begin({ ...chunk(3, true), taskCalls: [7, 8, 9] });
    let ts = 20;
    for (let i = 0; i < 3; i++) {
      rec.groupStarted(i, ts);
      rec.groupEnded(++ts, i === 1 ? 1 : 0, i === 1 ? 'boom' : undefined);
    }
    rec.flush(ts);
    const codes = chunks.flatMap((c) =>
      Array.from(
        { length: c.records.length / TRACE_CHUNK_STRIDE },
        (_, i) => c.records[i * TRACE_CHUNK_STRIDE],
      ),
    );
    const { taskStart, taskEnd, taskRun } = CHUNK_CODE;
    expect(codes).toEqual([taskStart, taskEnd, taskRun, taskRun, taskRun]);
    expect(chunks.flatMap(decodeChunk)).toEqual([
      { type: 'task-start', ts: 10, taskId: '9:0', workerId: 3, pid: 42 },
      { type: 'task-end', ts: 11, taskId: '9:0', workerId: 3, pid: 42, ok: true },
      { type: 'task-start', ts: 20, taskId: '7:0', workerId: 3, pid: 42 },
      { type: 'task-end', ts: 21, taskId: '7:0', workerId: 3, pid: 42, ok: true },
      { type: 'task-start', ts: 21, taskId: '8:0', workerId: 3, pid: 42 },
      { type: 'task-end', ts: 22, taskId: '8:0', workerId: 3, pid: 42, ok: false, error: 'boom' },
      { type: 'task-start', ts: 22, taskId: '9:0', workerId: 3, pid: 42 },
      { type: 'task-end', ts: 23, taskId: '9:0', workerId: 3, pid: 42, ok: true },
    ]);
  });
});
