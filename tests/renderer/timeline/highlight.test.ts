import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  highlightAttr,
  highlightBand,
  highlightRange,
  labelBox,
  HIGHLIGHT_MARGIN,
  HIGHLIGHT_MIN_SPAN_US,
} from '../../../src/renderer/timeline/highlight';
import type { Layout, TimeRange } from '../../../src/renderer/timeline/lanes';

// Trace-clock µs look like this (hrtime since boot), so rounding at that magnitude is covered.
const T = 5_000_000_000;
const view: TimeRange = { startUs: T, endUs: T + 1_000_000 };
const layout: Layout = { gutter: 100, axis: 28, laneHeight: 30, barInset: 5, width: 1100 };

describe('highlightRange', () => {
  it('keeps the zoom when the band is in view and not tiny', () => {
    expect(highlightRange(view, { fromTs: T + 200_000, toTs: T + 600_000 })).toBeNull();
    expect(highlightRange(view, { fromTs: T, toTs: T + 1_000_000 })).toBeNull();
  });

  it('fits a band that is out of sight, with a margin on both sides', () => {
    const next = highlightRange(view, { fromTs: T + 3_000_000, toTs: T + 3_400_000 })!;
    const pad = 400_000 * HIGHLIGHT_MARGIN;
    expect(next).toEqual({ startUs: T + 3_000_000 - pad, endUs: T + 3_400_000 + pad });
  });

  it('fits a band that sticks out of the view on one side', () => {
    const next = highlightRange(view, { fromTs: T + 900_000, toTs: T + 1_500_000 })!;
    expect(next.startUs).toBeLessThan(T + 900_000);
    expect(next.endUs).toBeGreaterThan(T + 1_500_000);
  });

  it('zooms in on a band much narrower than the view', () => {
    const next = highlightRange(view, { fromTs: T + 500_000, toTs: T + 510_000 })!;
    expect(next.endUs - next.startUs).toBeCloseTo(10_000 * (1 + 2 * HIGHLIGHT_MARGIN));
  });

  it('does not blow a few-µs band up beyond the narrowest fit', () => {
    const next = highlightRange(view, { fromTs: T + 500_000, toTs: T + 500_010 })!;
    expect(next.endUs - next.startUs).toBeCloseTo(HIGHLIGHT_MIN_SPAN_US);
    expect(next.startUs + next.endUs).toBeCloseTo(2 * T + 1_000_010);
  });

  it('pans to an instant out of sight without zooming, and leaves one in view alone', () => {
    expect(highlightRange(view, { fromTs: T + 400_000, toTs: T + 400_000 })).toBeNull();
    const next = highlightRange(view, { fromTs: T + 5_000_000, toTs: T + 5_000_000 })!;
    expect(next).toEqual({ startUs: T + 4_500_000, endUs: T + 5_500_000 });
  });

  it('accepts the ends in either order', () => {
    expect(highlightRange(view, { fromTs: T + 3_400_000, toTs: T + 3_000_000 })).toEqual(
      highlightRange(view, { fromTs: T + 3_000_000, toTs: T + 3_400_000 }),
    );
  });

  it('always shows the whole band, and a fitted view is kept as it is on a second look', () => {
    const us = fc.integer({ min: 0, max: 10_000_000 });
    fc.assert(
      fc.property(us, fc.integer({ min: 1, max: 10_000_000 }), us, us, (start, span, a, b) => {
        const v = { startUs: T + start, endUs: T + start + span };
        const h = { fromTs: T + Math.min(a, b), toTs: T + Math.max(a, b) };
        const next = highlightRange(v, h) ?? v;
        if (h.toTs > h.fromTs) {
          expect(next.startUs).toBeLessThanOrEqual(h.fromTs);
          expect(next.endUs).toBeGreaterThanOrEqual(h.toTs);
        } else {
          expect(h.fromTs).toBeGreaterThanOrEqual(next.startUs);
          expect(h.fromTs).toBeLessThanOrEqual(next.endUs);
        }
        expect(highlightRange(next, h)).toBeNull();
      }),
    );
  });
});

describe('highlightBand', () => {
  it('maps the range onto the plot', () => {
    const band = highlightBand({ fromTs: T + 250_000, toTs: T + 500_000 }, view, layout)!;
    expect(band.x0).toBeCloseTo(350);
    expect(band.x1).toBeCloseTo(600);
  });

  it('clips to the plot and is null when wholly outside', () => {
    expect(highlightBand({ fromTs: T - 10, toTs: T + 2_000_000 }, view, layout)).toEqual({
      x0: 100,
      x1: 1100,
    });
    expect(highlightBand({ fromTs: T + 2_000_000, toTs: T + 3_000_000 }, view, layout)).toBeNull();
    expect(highlightBand({ fromTs: T - 300, toTs: T - 100 }, view, layout)).toBeNull();
  });

  it('is at least 2 px wide so an instant shows', () => {
    const band = highlightBand({ fromTs: T + 500_000, toTs: T + 500_000 }, view, layout)!;
    expect(band.x1 - band.x0).toBeCloseTo(2);
    expect(band.x0).toBeCloseTo(599);
  });
});

describe('highlightAttr', () => {
  it('reads <from>-<to> in order', () => {
    expect(highlightAttr({ fromTs: 20, toTs: 10, label: 'x' })).toBe('10-20');
  });
});

describe('labelBox', () => {
  it('puts the label at the left edge of the band, in the axis strip above the lanes', () => {
    const box = labelBox({ x0: 300, x1: 500 }, 70, layout);
    expect(box.x).toBe(301);
    expect(box.w).toBe(82);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.h).toBeLessThanOrEqual(layout.axis);
  });

  it('stays inside the canvas near the right edge and clear of the lane labels on the left', () => {
    const right = labelBox({ x0: 1095, x1: 1100 }, 70, layout);
    expect(right.x + right.w).toBeLessThanOrEqual(layout.width);
    const left = labelBox({ x0: layout.gutter, x1: 120 }, 70, layout);
    expect(left.x).toBeGreaterThan(layout.gutter);
  });
});
