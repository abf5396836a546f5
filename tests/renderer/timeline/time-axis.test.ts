import { describe, expect, it } from 'vitest';
import { formatDuration, formatTick, niceTicks } from '../../../src/renderer/timeline/time-axis';

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
