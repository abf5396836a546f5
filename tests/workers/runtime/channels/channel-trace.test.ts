/**
 * The events channels record: the summary of an item is exactly what task-submit gives of one
 * argument, and the events travel as chunk records (no object per item) that decode to exactly
 * the events the schema describes.
 */
import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import { decodeChunk, type TraceChunk } from '../../../../src/shared/trace-chunk';
import type { TraceEvent } from '../../../../src/shared/trace-schema';
import {
  summarizeItem,
  traceGetFailed,
  traceGot,
  tracePut,
  traceRecv,
  traceSend,
} from '../../../../src/workers/runtime/channels/channel-trace';
import { newPrimitiveInfo } from '../../../../src/workers/runtime/context/identity';
import { flushTrace } from '../../../../src/workers/runtime/context/trace-out';
import { getTraceSink, setTraceSink, summarizeArgs } from '../../../../src/workers/runtime/trace';
import { caller } from './helpers';

describe('summarizeItem', () => {
  it('equals summarizeArgs([item]) for any item (property)', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withTypedArray: true, withMap: true }), (item) => {
        expect(summarizeItem(item)).toBe(summarizeArgs([item]));
      }),
    );
    // Strings at the length limit, including ones whose JSON is much longer than they are.
    fc.assert(
      fc.property(fc.string({ minLength: 40, maxLength: 60, unit: 'binary' }), (item) => {
        expect(summarizeItem(item)).toBe(summarizeArgs([item]));
      }),
    );
    for (const item of [0, -0, NaN, Infinity, 1e21, 'x'.repeat(48), '\u0001'.repeat(48), '"'.repeat(48)]) {
      expect(summarizeItem(item)).toBe(summarizeArgs([item]));
    }
  });
});

/** Collects the chunks this context sends while the test runs (restoring the sink after it). */
function recordChunks(): () => TraceChunk[] {
  const previous = getTraceSink({ format: 'chunks' });
  const chunks: TraceChunk[] = [];
  setTraceSink((chunk) => chunks.push(chunk), { format: 'chunks' });
  onTestFinished(() => {
    flushTrace();
    setTraceSink(previous, { format: 'chunks' });
  });
  return () => {
    flushTrace();
    return chunks;
  };
}

const queue = newPrimitiveInfo('queue', 'jobs');
const pipe = newPrimitiveInfo('pipe');
const who = caller(910101, 2);

/** The fields every event of `info` by `who` starts with. */
function head<T extends TraceEvent['type']>(type: T, info: typeof queue) {
  return { type, objectId: info.objectId, kind: info.kind, name: info.name, pid: who.pid, tid: who.tid };
}

/** `ts` aside (the clock's), with the keys of each event, which must match exactly. */
function withoutTs(events: TraceEvent[]): { event: Record<string, unknown>; keys: string[] }[] {
  return events.map(({ ts: _ts, ...event }) => ({ event, keys: Object.keys(event).sort() }));
}

describe('channel trace events', () => {
  it('travel as records, no object per event, and decode to the schema events in order', () => {
    const chunks = recordChunks();
    tracePut(queue, who, true, 1, 7);
    tracePut(queue, who, false, 1, 'late');
    traceGot(queue, who, 0, { a: [1, 2] });
    traceGetFailed(queue, who, 0, 'timeout');
    traceSend(pipe, who, 1, 'ping');
    traceRecv(pipe, who, 0, { msg: -0 });
    traceRecv(pipe, who, 0, { error: 'eof' });
    const sent = chunks();
    expect(sent.flatMap((c) => c.objects)).toEqual([]);
    const events = sent.flatMap(decodeChunk);
    const expected: Record<string, unknown>[] = [
      { ...head('queue-put', queue), ok: true, depth: 1, item: '7' },
      { ...head('queue-put', queue), ok: false, depth: 1, item: '"late"' },
      { ...head('queue-get', queue), ok: true, depth: 0, item: summarizeItem({ a: [1, 2] }) },
      { ...head('queue-get', queue), ok: false, depth: 0, error: 'timeout' },
      { ...head('pipe-send', pipe), end: 1, item: '"ping"' },
      { ...head('pipe-recv', pipe), end: 0, ok: true, item: '0' },
      { ...head('pipe-recv', pipe), end: 0, ok: false, error: 'eof' },
    ];
    expect(withoutTs(events)).toEqual(expected.map((event) => ({ event, keys: Object.keys(event).sort() })));
    const times = events.map((e) => e.ts);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('give any item the summary summarizeItem gives it (property)', () => {
    const chunks = recordChunks();
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withMap: true }), (item) => {
        tracePut(queue, who, true, 1, item);
        traceGot(queue, who, 0, item);
        const events = chunks().splice(0).flatMap(decodeChunk);
        const summary = summarizeItem(item);
        expect(events.map((e) => (e as { item?: string }).item)).toEqual([summary, summary]);
      }),
      { numRuns: 200 },
    );
  });

  it('write nothing while tracing is off', () => {
    const previous = getTraceSink({ format: 'chunks' });
    setTraceSink(null);
    onTestFinished(() => setTraceSink(previous, { format: 'chunks' }));
    tracePut(queue, who, true, 1, 1);
    const chunks = recordChunks();
    expect(chunks()).toEqual([]);
  });
});
