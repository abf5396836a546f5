import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDepths,
  depthPoints,
  EMPTY_DEPTH_SERIES,
  MAX_DEPTH_BUCKETS,
} from '../../../src/renderer/state/depth-series';

describe('depth series', () => {
  it('keeps each bucket’s lowest, highest and last depth', () => {
    const s = addDepths(EMPTY_DEPTH_SERIES, [
      [1000, 1],
      [1010, 3],
      [1020, 0],
    ]);
    expect(s.originUs).toBe(1000);
    expect(s.buckets).toEqual([{ index: 0, min: 0, max: 3, last: 0 }]);
  });

  it('never holds more than MAX_DEPTH_BUCKETS buckets, and every spike and the final depth survive', () => {
    // A long run of queue operations in time order, with random depths.
    const run = fc.array(fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 50 })), {
      minLength: 1,
      maxLength: 400,
    });
    fc.assert(
      fc.property(run, fc.integer({ min: 1, max: 7 }), (steps, batches) => {
        let ts = 0;
        const points = steps.map(([dt, depth]) => [(ts += dt), depth] as [number, number]);
        let series = EMPTY_DEPTH_SERIES;
        const size = Math.ceil(points.length / batches);
        for (let i = 0; i < points.length; i += size) series = addDepths(series, points.slice(i, i + size));
        expect(series.buckets.length).toBeLessThanOrEqual(MAX_DEPTH_BUCKETS);
        const depths = points.map(([, d]) => d);
        expect(Math.max(...series.buckets.map((b) => b.max))).toBe(Math.max(...depths));
        expect(Math.min(...series.buckets.map((b) => b.min))).toBe(Math.min(...depths));
        expect(series.buckets.at(-1)!.last).toBe(depths.at(-1));
        // Buckets are in time order and cover the last point.
        const indexes = series.buckets.map((b) => b.index);
        expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
        const lastTs = points.at(-1)![0];
        expect(Math.floor((lastTs - series.originUs!) / series.widthUs)).toBe(indexes.at(-1));
      }),
    );
  });

  it('charts points in seconds from the session start, holding the depth across empty buckets', () => {
    const s = addDepths(EMPTY_DEPTH_SERIES, [
      [1000, 2],
      [1000 + 5 * 50, 0],
    ]);
    const points = depthPoints(s, 0);
    expect(points.map((p) => [p.t, p.last])).toEqual([
      [0.001, 2],
      [0.00105, 2],
      [0.00125, 0],
    ]);
    expect(points[0]!.band).toEqual([2, 2]);
    expect(depthPoints(EMPTY_DEPTH_SERIES, 0)).toEqual([]);
  });
});
