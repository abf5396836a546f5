import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approxEventBytes, chunkBytes, SessionRecord } from '../../../src/main/host/session-record';
import {
  decodeChunk,
  encodeEvents,
  TRACE_CHUNK_STRIDE,
  type TraceChunk,
} from '../../../src/shared/trace-chunk';
import type { TraceEvent } from '../../../src/shared/trace-schema';

const event = (i: number, error = ''): TraceEvent => ({
  type: 'task-end',
  ts: i,
  taskId: `0:${i}`,
  workerId: 0,
  pid: 1,
  ok: false,
  error,
});

const running = { sessionId: 's', scenario: 'x', state: 'running', startedUs: 0 } as const;

const eventsOf = (chunks: readonly TraceChunk[]): TraceEvent[] => chunks.flatMap((c) => decodeChunk(c));

describe('SessionRecord', () => {
  it('has nothing to answer before the first status', () => {
    const record = new SessionRecord({ maxEvents: 4 });
    record.add(encodeEvents([event(1)]));
    expect(record.snapshot(5)).toBeNull();
  });

  it('answers the newest chunks that fit both limits, in arrival order, and whether any were dropped', () => {
    const batches = fc.array(fc.array(fc.string({ maxLength: 300 }), { maxLength: 12 }), { maxLength: 25 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 3000 }),
        batches,
        (maxEvents, maxBytes, texts) => {
          const record = new SessionRecord({ maxEvents, maxBytes });
          record.status = running;
          const all: TraceChunk[] = [];
          let count = 0;
          for (const batchTexts of texts) {
            const chunk = encodeEvents(batchTexts.map((text, k) => event(count + k, text)));
            count += batchTexts.length;
            record.add(chunk);
            // An empty chunk adds nothing.
            if (batchTexts.length > 0) all.push(chunk);
            const reply = record.snapshot(42)!;
            // The longest suffix of whole chunks within the limits (never empty once events came).
            let keep = 0;
            let events = 0;
            let bytes = 0;
            for (let i = all.length - 1; i >= 0; i--) {
              const n = all[i]!.records.length / TRACE_CHUNK_STRIDE;
              const size = chunkBytes(all[i]!);
              if (keep > 0 && (events + n > maxEvents || bytes + size > maxBytes)) break;
              keep++;
              events += n;
              bytes += size;
            }
            // The very chunks that came, not copies: the host never decodes or rebuilds them.
            expect(reply.chunks).toHaveLength(keep);
            reply.chunks.forEach((c, i) => expect(c).toBe(all[all.length - keep + i]));
            expect(record.eventCount).toBe(events);
            expect(reply.truncated).toBe(keep < all.length);
            expect(reply.hostNowUs).toBe(42);
          }
        },
      ),
    );
  });

  it('answers a snapshot: chunks that come later are not in an earlier answer', () => {
    const record = new SessionRecord();
    record.status = running;
    record.add(encodeEvents([event(1)]));
    const reply = record.snapshot(1)!;
    record.add(encodeEvents([event(2)]));
    expect(eventsOf(reply.chunks)).toEqual([event(1)]);
    expect(eventsOf(record.snapshot(2)!.chunks)).toEqual([event(1), event(2)]);
  });

  it('sizes a chunk by its records and its text, so a long error text counts in full', () => {
    const plain = encodeEvents([event(1)]);
    const long = encodeEvents([event(1, 'x'.repeat(10_000))]);
    expect(chunkBytes(plain)).toBeGreaterThanOrEqual(plain.records.byteLength);
    expect(chunkBytes(long)).toBeGreaterThanOrEqual(chunkBytes(plain) + 10_000);
    // Events kept as objects (an output line) are sized by their strings too.
    const line: TraceEvent = {
      type: 'output',
      ts: 1,
      pid: 1,
      tid: 0,
      stream: 'stdout',
      line: 'y'.repeat(5000),
    };
    expect(chunkBytes(encodeEvents([line]))).toBeGreaterThanOrEqual(5000);
  });

  it('estimates an object event by its strings, which are what make events large', () => {
    expect(approxEventBytes(event(1, 'x'.repeat(1000)))).toBeGreaterThan(approxEventBytes(event(1)) + 999);
    expect(approxEventBytes(event(1))).toBeGreaterThanOrEqual(JSON.stringify(event(1)).length);
  });

  it('rejects limits that are not positive integers', () => {
    expect(() => new SessionRecord({ maxEvents: 0 })).toThrow(TypeError);
    expect(() => new SessionRecord({ maxBytes: 1.5 })).toThrow(TypeError);
  });
});
