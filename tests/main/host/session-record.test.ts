import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approxEventBytes, SessionRecord } from '../../../src/main/host/session-record';
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

describe('SessionRecord', () => {
  it('has nothing to answer before the first status', () => {
    const record = new SessionRecord({ maxEvents: 4 });
    record.add([event(1)]);
    expect(record.snapshot(5)).toBeNull();
  });

  it('answers the newest events that fit both limits, in arrival order, and whether any were dropped', () => {
    const batches = fc.array(fc.array(fc.string({ maxLength: 300 }), { maxLength: 12 }), { maxLength: 25 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 3000 }),
        batches,
        (maxEvents, maxBytes, texts) => {
          const record = new SessionRecord({ maxEvents, maxBytes });
          record.status = running;
          const all: TraceEvent[] = [];
          for (const batchTexts of texts) {
            const batch = batchTexts.map((text, k) => event(all.length + k, text));
            all.push(...batch);
            record.add(batch);
            const reply = record.snapshot(42)!;
            // The longest suffix of everything within the limits (never empty once events came).
            let keep = 0;
            let bytes = 0;
            for (let i = all.length - 1; i >= 0; i--) {
              const size = approxEventBytes(all[i]!);
              if (keep > 0 && (keep + 1 > maxEvents || bytes + size > maxBytes)) break;
              keep++;
              bytes += size;
            }
            expect(reply.events).toEqual(all.slice(all.length - keep));
            expect(reply.truncated).toBe(keep < all.length);
            expect(reply.hostNowUs).toBe(42);
          }
        },
      ),
    );
  });

  it('estimates an event by its strings, which are what make events large', () => {
    expect(approxEventBytes(event(1, 'x'.repeat(1000)))).toBeGreaterThan(approxEventBytes(event(1)) + 999);
    expect(approxEventBytes(event(1))).toBeGreaterThanOrEqual(JSON.stringify(event(1)).length);
  });

  it('rejects limits that are not positive integers', () => {
    expect(() => new SessionRecord({ maxEvents: 0 })).toThrow(TypeError);
    expect(() => new SessionRecord({ maxBytes: 1.5 })).toThrow(TypeError);
  });
});
