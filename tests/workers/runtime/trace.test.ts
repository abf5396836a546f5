import { afterEach, describe, expect, it } from 'vitest';
import { decodeChunk, encodeEvents, type TraceChunk } from '../../../src/shared/trace-chunk';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import {
  getTraceSink,
  nowUs,
  processChunkSink,
  setTraceSink,
  summarizeArgs,
} from '../../../src/workers/runtime/trace';

describe('summarizeArgs', () => {
  it('shows scalars as written and containers by shape, never their contents', () => {
    expect(summarizeArgs([7])).toBe('7');
    expect(summarizeArgs(['hi', null, 3n])).toBe('"hi", null, 3n');
    expect(summarizeArgs([[1, 2, 3]])).toBe('Array(3)');
    expect(summarizeArgs([{ secret: 'x' }])).toBe('{…}');
    expect(summarizeArgs([new Map()])).toBe('Map {…}');
    expect(summarizeArgs([new Float64Array(4)])).toBe('Float64Array(32 bytes)');
  });

  it('keeps summaries short', () => {
    expect(summarizeArgs(['x'.repeat(10_000)]).length).toBeLessThanOrEqual(100);
    expect(summarizeArgs(Array.from({ length: 1000 }, (_, i) => i)).length).toBeLessThanOrEqual(100);
  });
});

describe('nowUs', () => {
  it('reads the monotonic clock in microseconds', () => {
    const before = process.hrtime.bigint() / 1000n;
    const t = nowUs();
    const after = process.hrtime.bigint() / 1000n;
    expect(BigInt(t)).toBeGreaterThanOrEqual(before);
    expect(BigInt(t)).toBeLessThanOrEqual(after);
  });
});

describe('setTraceSink / getTraceSink', () => {
  afterEach(() => setTraceSink(null));

  const events: TraceEvent[] = [
    { type: 'task-submit', ts: 1, taskId: '3:0', name: 'inc', args: '1' },
    { type: 'worker-spawn', ts: 2, workerId: 0, pid: 9, backend: 'process' },
  ];

  it('hands an events sink decoded batches, a chunks sink the chunks as they travel', () => {
    const got: TraceEvent[][] = [];
    setTraceSink((batch) => got.push(batch));
    processChunkSink()!(encodeEvents(events));
    expect(got).toEqual([events]);

    const chunks: TraceChunk[] = [];
    setTraceSink((chunk) => chunks.push(chunk), { format: 'chunks' });
    const chunk = encodeEvents(events);
    processChunkSink()!(chunk);
    expect(chunks).toEqual([chunk]);
    expect(chunks[0]).toBe(chunk);
  });

  it('gives back the very sink in its own format, and a converting one in the other', () => {
    const chunks: TraceChunk[] = [];
    const chunkSink = (chunk: TraceChunk): void => void chunks.push(chunk);
    setTraceSink(chunkSink, { format: 'chunks' });
    expect(getTraceSink({ format: 'chunks' })).toBe(chunkSink);
    // Restoring through the events form still reaches the chunk sink with the same events.
    const asEvents = getTraceSink()!;
    setTraceSink(asEvents);
    processChunkSink()!(encodeEvents(events));
    expect(chunks.flatMap(decodeChunk)).toEqual(events);

    const eventSink = (batch: TraceEvent[]): void => void batch;
    setTraceSink(eventSink);
    expect(getTraceSink()).toBe(eventSink);
    expect(getTraceSink({ format: 'chunks' })).toBe(processChunkSink());
    setTraceSink(null);
    expect(getTraceSink()).toBeNull();
    expect(getTraceSink({ format: 'chunks' })).toBeNull();
  });

  it('refuses a bad sink, options or format with a TypeError naming it', () => {
    expect(() => setTraceSink(42 as never)).toThrow(/"sink"/);
    expect(() => setTraceSink(() => {}, 'chunks' as never)).toThrow(/"options"/);
    expect(() => setTraceSink(() => {}, { format: 'json' as never })).toThrow(TypeError);
    expect(() => setTraceSink(() => {}, { format: 'json' as never })).toThrow(/"format"/);
    expect(() => getTraceSink({ format: 'packed' as never })).toThrow(/"format"/);
    expect(getTraceSink()).toBeNull();
  });
});
