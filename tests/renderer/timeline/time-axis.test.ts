import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Layout } from '../../../src/renderer/timeline/lanes';
import { axisTicks, formatDuration, formatTick, niceTicks } from '../../../src/renderer/timeline/time-axis';

describe('niceTicks', () => {
  it('picks a 1-2-5 step giving at most the requested number of ticks', () => {
    const ticks = niceTicks(0, 1_000_000, 10);
    expect(ticks.stepUs).toBe(100_000);
    expect(ticks.values).toHaveLength(11);
    expect(niceTicks(0, 1_300_000, 10).stepUs).toBe(200_000);
    expect(niceTicks(0, 4_000, 1).stepUs).toBe(5_000);
  });

  it('places ticks on multiples of the step inside the range', () => {
    const { stepUs, values } = niceTicks(1_234, 9_876, 5);
    expect(stepUs).toBe(2_000);
    expect(values).toEqual([2_000, 4_000, 6_000, 8_000]);
  });

  it('gives no ticks for an empty or inverted range', () => {
    expect(niceTicks(5, 5, 10).values).toEqual([]);
    expect(niceTicks(10, 5, 10).values).toEqual([]);
    expect(niceTicks(0, 10, 0).values).toEqual([]);
  });

  it('never steps below one microsecond', () => {
    expect(niceTicks(0, 3, 10).stepUs).toBe(1);
  });
});

describe('formatTick', () => {
  it('chooses the unit from the step and only the decimals it needs', () => {
    expect(formatTick(250, 50)).toBe('250 µs');
    expect(formatTick(200_000, 100_000)).toBe('0.2 s');
    expect(formatTick(40_000, 20_000)).toBe('40 ms');
    expect(formatTick(300, 100)).toBe('0.3 ms');
    expect(formatTick(1_500, 1_500)).toBe('1.5 ms');
    expect(formatTick(2_000_000, 1_000_000)).toBe('2 s');
    expect(formatTick(2_500_000, 500_000)).toBe('2.5 s');
    expect(formatTick(0, 200_000)).toBe('0 s');
  });
});

describe('formatDuration', () => {
  it('reads naturally at every scale', () => {
    expect(formatDuration(850)).toBe('850 µs');
    expect(formatDuration(1_234)).toBe('1.23 ms');
    expect(formatDuration(12_345)).toBe('12.3 ms');
    expect(formatDuration(1_250_000)).toBe('1.25 s');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});

describe('axisTicks (the axis both timelines draw)', () => {
  const layout: Layout = { gutter: 136, axis: 28, laneHeight: 30, barInset: 5, width: 1236 };
  const T = 5_000_000_000;
  /** 6 px per character, as a stand-in for the axis font. */
  const textWidth = (text: string): number => text.length * 6;

  it('labels each tick from the session origin, about one per 110 px of plot', () => {
    const ticks = axisTicks({ startUs: T, endUs: T + 1_000_000 }, layout, T, textWidth);
    expect(ticks.map((t) => t.label)).toEqual([
      '0 s',
      '0.1 s',
      '0.2 s',
      '0.3 s',
      '0.4 s',
      '0.5 s',
      '0.6 s',
      '0.7 s',
      '0.8 s',
      '0.9 s',
      // "1 s" sits at the right edge: its grid line is drawn, its label dropped rather than cut.
      null,
    ]);
    expect(ticks[0]!.x).toBe(136.5);
    expect(ticks.at(-1)!.x).toBe(1236.5);
  });

  it('draws no ticks before a run', () => {
    expect(axisTicks({ startUs: 0, endUs: 1_000_000 }, layout, null, textWidth)).toEqual([]);
  });

  it('puts every tick in the plot, on the pixel grid, and every label inside the canvas', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 140, max: 4000 }),
        (start, span, offset, width) => {
          const at = { ...layout, width };
          const ticks = axisTicks({ startUs: start, endUs: start + span }, at, start + offset, textWidth);
          expect(ticks.length).toBeLessThanOrEqual(Math.max(2, Math.floor((width - at.gutter) / 110)) + 1);
          for (const { x, label } of ticks) {
            expect(x).toBeGreaterThanOrEqual(at.gutter);
            expect(x % 1).toBe(0.5);
            if (label !== null) expect(x + 4 + textWidth(label)).toBeLessThanOrEqual(width - 2);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
