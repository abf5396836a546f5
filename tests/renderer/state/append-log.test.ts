import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppendLog } from '../../../src/renderer/state/append-log';

describe('AppendLog', () => {
  it('appends, reads by index and iterates oldest first', () => {
    const log = AppendLog.empty<number>().append([1, 2]).append([3]);
    expect([...log]).toEqual([1, 2, 3]);
    expect([log.length, log.total, log.dropped]).toEqual([3, 3, 0]);
    expect([log.at(0), log.at(2), log.at(3), log.at(-1)]).toEqual([1, 3, undefined, undefined]);
    expect(log.slice(1)).toEqual([2, 3]);
  });

  it('keeps only the newest `cap` items and counts the dropped ones', () => {
    let log = AppendLog.empty<number>(3);
    for (let i = 0; i < 10; i++) log = log.append([i]);
    expect([...log]).toEqual([7, 8, 9]);
    expect([log.total, log.dropped]).toEqual([10, 7]);
  });

  it('returns the same log for an empty append and rejects a bad cap by name', () => {
    const log = AppendLog.empty<number>();
    expect(log.append([])).toBe(log);
    expect(() => AppendLog.empty(0)).toThrow(/"cap"/);
    expect(() => AppendLog.empty(1.5)).toThrow(RangeError);
  });

  it('every version keeps its own items, whichever versions are appended to (branches included)', () => {
    const op = fc.record({ from: fc.nat(), items: fc.array(fc.integer(), { maxLength: 6 }) });
    fc.assert(
      fc.property(fc.constantFrom(2, 5, Infinity), fc.array(op, { maxLength: 30 }), (cap, ops) => {
        const logs = [AppendLog.empty<number>(cap)];
        const models: number[][] = [[]];
        const totals = [0];
        for (const { from, items } of ops) {
          const i = from % logs.length;
          logs.push(logs[i]!.append(items));
          const all = [...models[i]!, ...items];
          models.push(cap === Infinity ? all : all.slice(-cap));
          totals.push(totals[i]! + items.length);
        }
        logs.forEach((log, i) => {
          expect([...log]).toEqual(models[i]);
          expect(log.total).toBe(totals[i]);
        });
      }),
    );
  });
});
