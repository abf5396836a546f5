import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../../src/main/insights/index';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { acq, obj, P1, P2, P3, read, rel, T1, T2, write } from './trace-builder';

const lost = (events: TraceEvent[], context = {}) =>
  computeInsights(events, { cores: 2, ...context }).filter((i) => i.kind === 'lost-updates');

describe('lost-updates', () => {
  it('reports read A, read B, write A, write B as one lost increment, with its four events', () => {
    const v = obj('value', 'counter');
    const events = [read(10, P1, v, 5), read(11, P2, v, 5), write(12, P1, v, 6), write(13, P2, v, 6)];
    const [insight, ...rest] = lost(events);
    expect(rest).toEqual([]);
    expect(insight!.severity).toBe('problem');
    expect(insight!.message).toContain('1 of 2 increments to counter were lost: expected 7, observed 6');
    expect(insight!.message).toContain('pid 101 read 5, pid 102 read 5, pid 101 wrote 6, pid 102 wrote 6');
    expect(insight!.evidence).toMatchObject({
      fromTs: 10,
      toTs: 13,
      objectIds: [v.objectId],
      events: [0, 1, 2, 3],
      details: { lost: 1, updates: 2, expected: 7, observed: 6 },
    });
    expect(insight!.fix).toContain('getLock().withLock');
  });

  it('matches expected and observed of any unlocked interleaving of counter steps (race-counter)', () => {
    // Each actor does `steps` read-then-write steps of +1 (adders) or -1 (subtractors); the
    // schedule decides who moves next. The trace says what the real memory did.
    const schedule = fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 12, maxLength: 12 * 3 });
    fc.assert(
      fc.property(schedule, (picks) => {
        const v = obj('value', 'counter');
        const actors = [
          { who: P1, step: 1, left: 4, read: undefined as number | undefined },
          { who: P2, step: 1, left: 4, read: undefined as number | undefined },
          { who: P3, step: -1, left: 4, read: undefined as number | undefined },
        ];
        let memory = 0;
        let ts = 0;
        const events: TraceEvent[] = [];
        const move = (a: (typeof actors)[number]) => {
          if (a.read === undefined) {
            a.read = memory;
            events.push(read(++ts, a.who, v, memory));
          } else {
            memory = a.read + a.step;
            events.push(write(++ts, a.who, v, memory));
            a.read = undefined;
            a.left--;
          }
        };
        for (const pick of picks) if (actors[pick]!.left > 0) move(actors[pick]!);
        for (const a of actors) while (a.left > 0) move(a);
        const found = lost(events);
        const expected = 4 + 4 - 4;
        if (memory !== expected) {
          expect(found).toHaveLength(1);
          expect(found[0]!.evidence.details).toMatchObject({ expected, observed: memory });
          expect(found[0]!.message).toContain(`expected ${expected}, observed ${memory}`);
        }
        const interleaved = events.some(
          (e, i) => e.type === 'value-read' && events[i + 1]?.type === 'value-read',
        );
        if (!interleaved) expect(found).toEqual([]);
      }),
    );
  });

  it('does not report updates made under the same held lock, even when equal timestamps mix their order', () => {
    const v = obj('value', 'counter');
    const lock = obj('rlock', 'counter-lock');
    // T1's write and release and T2's acquire and read share one microsecond, and T2's read
    // arrived first (another thread's batch): the trace order is not the real order.
    const events = [
      acq(10, T1, lock),
      read(11, T1, v, 0),
      read(12, T2, v, 1),
      write(12, T1, v, 1),
      rel(12, T1, lock),
      acq(12, T2, lock),
      write(13, T2, v, 2),
      rel(14, T2, lock),
    ];
    // T2's read precedes its acquire in this order, so its read was not under the lock: racy.
    expect(lost(events)).toHaveLength(1);
    // Recorded with the acquire first (as the thread did it), the same timing is safe.
    const safe = [
      events[0]!,
      events[1]!,
      events[5]!,
      events[2]!,
      events[3]!,
      events[4]!,
      events[6]!,
      events[7]!,
    ];
    expect(lost(safe)).toEqual([]);
  });

  it('reports a read and a write under two separate holds of the lock (released in between)', () => {
    const v = obj('value', 'counter');
    const lock = obj('lock', 'L');
    const events = [
      acq(1, P1, lock),
      read(2, P1, v, 0),
      rel(3, P1, lock),
      acq(4, P2, lock),
      read(5, P2, v, 0),
      write(6, P2, v, 1),
      rel(7, P2, lock),
      acq(8, P1, lock),
      write(9, P1, v, 1),
      rel(10, P1, lock),
    ];
    const [insight] = lost(events);
    expect(insight!.message).toContain('1 of 2 increments to counter were lost: expected 2, observed 1');
  });

  it('does not report serial read-modify-writes, or plain sets without a read', () => {
    const v = obj('value');
    const serial = [read(1, P1, v, 0), write(2, P1, v, 1), read(3, P2, v, 1), write(4, P2, v, 2)];
    expect(lost(serial)).toEqual([]);
    const flag = obj('value', 'flag');
    const sets = [write(1, P1, flag, 1), write(2, P2, flag, 0), read(3, P1, flag, 0), write(4, P2, flag, 1)];
    expect(lost(sets)).toEqual([]);
  });

  it('tells array elements apart and names the element', () => {
    const a = obj('array', 'hits');
    const apart = [read(1, P1, a, 0, 0), read(2, P2, a, 0, 1), write(3, P1, a, 1, 0), write(4, P2, a, 1, 1)];
    expect(lost(apart)).toEqual([]);
    const same = [read(1, P1, a, 0, 2), read(2, P2, a, 0, 2), write(3, P1, a, 1, 2), write(4, P2, a, 1, 2)];
    expect(lost(same)[0]!.message).toContain('to hits[2] were lost');
  });

  it('counts each erased write once, however many stale writes erased it', () => {
    const v = obj('value', 'n');
    const events = [
      read(1, P1, v, 0),
      read(2, P2, v, 0),
      read(3, P3, v, 0),
      write(4, P1, v, 1),
      write(5, P2, v, 1),
      write(6, P3, v, 1),
    ];
    expect(lost(events)[0]!.message).toContain('2 of 3 increments to n were lost: expected 3, observed 1');
  });

  it('says so when lost steps cancel out and the final value is right by luck', () => {
    const v = obj('value', 'n');
    const events = [
      read(1, P1, v, 0),
      read(2, P2, v, 0),
      write(3, P1, v, 1),
      write(4, P2, v, -1),
      read(5, P1, v, -1),
      read(6, P2, v, -1),
      write(7, P2, v, -2),
      write(8, P1, v, 0),
    ];
    const [insight] = lost(events);
    expect(insight!.message).toContain('2 of 4 updates to n were lost');
    expect(insight!.message).toContain('final value (0) is right only because');
  });

  it('uses the run’s expected result when writes are not counter steps', () => {
    const v = obj('value', 'total');
    const events = [read(1, P1, v, 0), read(2, P2, v, 0), write(3, P1, v, 10), write(4, P2, v, 5)];
    const [insight] = lost(events, { expected: 15, result: 5 });
    expect(insight!.message).toContain('1 of 2 updates to total were lost: expected 15, observed 5');
    expect(lost(events)[0]!.message).not.toContain('expected');
  });
});
