import { describe, expect, it } from 'vitest';
import { nowUs, summarizeArgs } from '../../../src/workers/runtime/trace';

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
