import { describe, expect, it } from 'vitest';
import { downsampleColumn } from '../../../src/renderer/state/downsample';
import { SampleRing } from '../../../src/renderer/state/sample-ring';

function filled(hz: number, seconds: number, value: (t: number) => number): SampleRing {
  const ring = new SampleRing(1, 4000);
  const step = 1000 / hz;
  for (let t = step; t <= seconds * 1000; t += step) {
    ring.push({ t, hz, cores: [{ user: value(t), system: 1 }], total: value(t) + 1 });
  }
  return ring;
}

describe('downsampleColumn', () => {
  it('never returns more than maxPoints, even at the top rate over the whole window', () => {
    const ring = filled(50, 60, () => 10);
    const points = downsampleColumn(ring, 0, 60_000, 60_000, 300);
    expect(points.length).toBeLessThanOrEqual(300);
    expect(points.length).toBeGreaterThan(290);
  });

  it('keeps every sample when the rate is below the bucket rate', () => {
    const ring = filled(1, 60, (t) => t / 1000);
    const points = downsampleColumn(ring, 0, 60_000, 60_000, 300);
    expect(points).toHaveLength(60);
    expect(points[points.length - 1]).toEqual({ x: 0, user: 60, system: 1 });
    expect(points[0]!.x).toBe(-59);
  });

  it('averages within a bucket and places x relative to now, in seconds', () => {
    const ring = new SampleRing(1, 10);
    ring.push({ t: 1000, hz: 10, cores: [{ user: 10, system: 0 }], total: 10 });
    ring.push({ t: 1100, hz: 10, cores: [{ user: 30, system: 4 }], total: 34 });
    const points = downsampleColumn(ring, 0, 2000, 2000, 1);
    expect(points).toEqual([{ x: -0.9, user: 20, system: 2 }]);
  });

  it('leaves out samples older than the window', () => {
    const ring = filled(10, 120, () => 5);
    const points = downsampleColumn(ring, 0, 120_000, 60_000, 600);
    expect(points.every((p) => p.x >= -60)).toBe(true);
    expect(points.length).toBeLessThanOrEqual(601);
  });

  it('gives the same value for a closed bucket as more samples arrive (no shimmer)', () => {
    const ring = filled(50, 30, (t) => (t * 7) % 100);
    const before = downsampleColumn(ring, 0, 30_000, 60_000, 300);
    for (let t = 30_020; t <= 31_000; t += 20)
      ring.push({ t, hz: 50, cores: [{ user: 99, system: 0 }], total: 99 });
    const after = downsampleColumn(ring, 0, 31_000, 60_000, 300);
    const at = (points: typeof before, abs: number, now: number) =>
      points.find((p) => Math.abs(p.x * 1000 + now - abs) < 1e-6);
    expect(at(after, 10_180, 31_000)?.user).toBe(at(before, 10_180, 30_000)?.user);
    expect(at(before, 10_180, 30_000)).toBeDefined();
  });

  it('returns nothing for an empty ring', () => {
    expect(downsampleColumn(new SampleRing(2), 0, 0, 60_000)).toEqual([]);
  });
});
