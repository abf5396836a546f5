import { describe, expect, it } from 'vitest';
import { decodeChunk, type TraceChunk } from '../../../src/shared/trace-chunk';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { TraceBuffer } from '../../../src/workers/runtime/trace-buffer';

const start = (ts: number): TraceEvent => ({
  type: 'task-start',
  ts,
  taskId: `0:${ts}`,
  workerId: 0,
  pid: 1,
});

function recorder(): { batches: TraceEvent[][]; send: (chunk: TraceChunk) => void } {
  const batches: TraceEvent[][] = [];
  return { batches, send: (chunk) => batches.push(decodeChunk(chunk)) };
}

describe('TraceBuffer', () => {
  it('sends a batch as soon as it holds maxEvents events', () => {
    const { batches, send } = recorder();
    const buffer = new TraceBuffer(send, { maxEvents: 3, intervalMs: 1000 });
    buffer.flush(0);
    for (let ts = 1; ts <= 7; ts++) buffer.push(start(ts));
    expect(batches.map((b) => b.map((e) => e.ts))).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(buffer.size).toBe(1);
  });

  it('sends when an event arrives an interval or more after the last flush, by event time', () => {
    const { batches, send } = recorder();
    const buffer = new TraceBuffer(send, { maxEvents: 100, intervalMs: 10 });
    buffer.flush(0);
    buffer.push(start(5_000));
    buffer.push(start(9_999));
    expect(batches).toEqual([]);
    buffer.push(start(10_000));
    expect(batches.map((b) => b.length)).toEqual([3]);
    buffer.push(start(15_000));
    expect(batches).toHaveLength(1);
  });

  it('flushes on demand, never sending an empty batch', () => {
    const { batches, send } = recorder();
    const buffer = new TraceBuffer(send, { maxEvents: 100, intervalMs: 1000 });
    buffer.flush(0);
    expect(batches).toEqual([]);
    buffer.push(start(1));
    buffer.flush(2);
    buffer.flush(3);
    expect(batches.map((b) => b.length)).toEqual([1]);
    expect(buffer.size).toBe(0);
  });
});
