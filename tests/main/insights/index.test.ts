import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../../src/main/insights/index';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import {
  acq,
  get,
  obj,
  P1,
  P2,
  P3,
  pool,
  procExit,
  procStart,
  put,
  read,
  rel,
  req,
  together,
  write,
} from './trace-builder';

/** A run with a problem (lost update), a warning (busy-wait) and an info (oversubscribed). */
function mixedRun(): TraceEvent[] {
  const v = obj('value', 'counter');
  const q = obj('queue', 'jobs');
  const polls = Array.from({ length: 100 }, (_, k) => get(2_000 + k * 100, P3, q, 0, 'empty'));
  return [
    ...pool(4, 200_000),
    ...together(4),
    ...polls,
    read(50_000, P1, v, 0),
    read(50_001, P2, v, 0),
    write(50_002, P1, v, 1),
    write(50_003, P2, v, 1),
    put(60_000, P1, q, 1),
    get(60_001, P3, q, 0),
  ].sort((a, b) => a.ts - b.ts);
}

describe('computeInsights', () => {
  it('rejects unusable arguments, naming them', () => {
    expect(() => computeInsights([], { cores: 0 })).toThrow(RangeError);
    expect(() => computeInsights([], { cores: 0 })).toThrow('"context.cores"');
    expect(() => computeInsights([], { cores: 1.5 })).toThrow(RangeError);
    expect(() => computeInsights([], { cores: '2' as unknown as number })).toThrow(TypeError);
    expect(() => computeInsights({} as unknown as TraceEvent[], { cores: 2 })).toThrow('"events"');
  });

  it('finds nothing in an empty trace or a healthy one', () => {
    expect(computeInsights([], { cores: 2 })).toEqual([]);
    expect(computeInsights([...pool(2, 200_000), ...together(2)], { cores: 2 })).toEqual([]);
  });

  it('lists problems first, then warnings, then infos', () => {
    const insights = computeInsights(mixedRun(), { cores: 2 });
    expect(insights.map((i) => [i.severity, i.kind])).toEqual([
      ['problem', 'lost-updates'],
      ['warning', 'busy-wait'],
      ['info', 'oversubscribed'],
    ]);
  });

  it('finds the same insights whatever order the batches arrived in, pointing at the same events', () => {
    const run = mixedRun();
    const expected = computeInsights(run, { cores: 2 });
    const pointed = (events: readonly TraceEvent[], insights: typeof expected) =>
      insights.map((i) => (i.evidence.events ?? []).map((k) => events[k]));
    fc.assert(
      fc.property(fc.shuffledSubarray(run, { minLength: run.length, maxLength: run.length }), (shuffled) => {
        const insights = computeInsights(shuffled, { cores: 2 });
        expect(insights.map((i) => i.message)).toEqual(expected.map((i) => i.message));
        expect(pointed(shuffled, insights)).toEqual(pointed(run, expected));
      }),
      { numRuns: 20 },
    );
  });

  it('skips events without a time, and still points into the array it was given', () => {
    const v = obj('value', 'n');
    const junk = { type: 'mystery' } as unknown as TraceEvent;
    const events = [junk, read(1, P1, v, 0), junk, read(2, P2, v, 0), write(3, P1, v, 1), write(4, P2, v, 1)];
    const [insight] = computeInsights(events, { cores: 2 });
    expect(insight!.evidence.events).toEqual([1, 3, 4, 5]);
  });

  it('ignores event types it does not know', () => {
    const unknown = { type: 'from-the-future', ts: 5, pid: 1, tid: 0 } as unknown as TraceEvent;
    expect(computeInsights([unknown], { cores: 2 })).toEqual([]);
  });

  it('handles 200 000 events in one pass without hanging', () => {
    const events = bigTrace(200_000);
    const started = performance.now();
    const insights = computeInsights(events, { cores: 2 });
    const ms = performance.now() - started;
    console.log(`insights over ${events.length} events: ${ms.toFixed(0)} ms`);
    expect(insights.map((i) => i.kind)).toContain('lost-updates');
    // A generous bound for "does not hang": the work is near-linear (well under a second alone).
    expect(ms).toBeLessThan(10_000);
  });
});

/** A busy run: 4 workers' tasks, unlocked counter steps, lock traffic and queue traffic. */
function bigTrace(size: number): TraceEvent[] {
  const v = obj('value', 'counter');
  const lock = obj('lock', 'L');
  const q = obj('queue', 'q');
  const events: TraceEvent[] = [...pool(4, size * 10), procStart(0, P3, 'Process-1')];
  const actors = [P1, P2];
  let ts = 10;
  let counter = 0;
  let k = 0;
  while (events.length < size - 1) {
    const w = k % 4;
    events.push(
      ...[
        { type: 'task-start', ts, taskId: `0:${k}`, workerId: w, pid: 201 + w } as const,
        { type: 'task-end', ts: ts + 7, taskId: `0:${k}`, workerId: w, pid: 201 + w, ok: true } as const,
      ],
    );
    const a = actors[k % 2]!;
    const b = actors[(k + 1) % 2]!;
    events.push(read(ts + 1, a, v, counter), read(ts + 2, b, v, counter));
    events.push(write(ts + 3, a, v, counter + 1), write(ts + 4, b, v, counter + 1));
    counter++;
    events.push(req(ts + 5, P3, lock), acq(ts + 5, P3, lock), rel(ts + 6, P3, lock));
    events.push(put(ts + 6, P1, q, 1), get(ts + 7, P2, q, 0));
    ts += 10;
    k++;
  }
  events.push(procExit(ts, P3, 'Process-1'));
  return events;
}
