import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorAt, hostNowUs } from '../../../src/renderer/state/host-clock';

describe('host clock', () => {
  it('maps local time onto the trace clock: the stamp plus the local time elapsed since it arrived', () => {
    const anchor = { hostUs: 5_000_000, localMs: 100 };
    expect(hostNowUs(anchor, 100)).toBe(5_000_000);
    expect(hostNowUs(anchor, 102.5)).toBe(5_002_500);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.nat({ max: 1e6 }),
        fc.nat({ max: 1e6 }),
        (host, at, later) => {
          const a = { hostUs: host, localMs: at };
          // Elapsed local time moves the trace clock by the same amount, in µs.
          expect(hostNowUs(a, at + later) - hostNowUs(a, at)).toBeCloseTo(later * 1000, 3);
        },
      ),
    );
  });

  it('makes anchors only from finite numbers', () => {
    expect(anchorAt(7, 1)).toEqual({ hostUs: 7, localMs: 1 });
    for (const bad of [undefined, null, '7', Number.NaN, Number.POSITIVE_INFINITY])
      expect(anchorAt(bad, 1)).toBeNull();
  });
});
