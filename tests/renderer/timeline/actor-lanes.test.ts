import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { reduceActivity } from '../../../src/renderer/state/activity-reducer';
import { EMPTY_ACTIVITY } from '../../../src/renderer/state/activity-types';
import {
  buildActorLanes,
  fitActivityRange,
  hitTestActors,
  visibleActorItems,
  type SpanItem,
} from '../../../src/renderer/timeline/actor-lanes';
import type { Layout } from '../../../src/renderer/timeline/lanes';
import { ACTIVITY_RUN, KEYS } from '../../fixtures/traces/activity-trace';

const layout: Layout = { gutter: 100, axis: 20, laneHeight: 30, barInset: 5, width: 1100 };
const activity = reduceActivity(EMPTY_ACTIVITY, ACTIVITY_RUN);
const lanes = buildActorLanes(activity);
const range = { startUs: 1000, endUs: 6000 };

describe('actor lanes', () => {
  it('puts the main context first, then processes in the order they started', () => {
    expect(lanes.map((a) => a.key)).toEqual([KEYS.main, KEYS.p1, KEYS.p2]);
  });

  it('draws waits under holds under ticks, each on its actor’s lane at its time', () => {
    const items = visibleActorItems(lanes, activity, range, layout, 6000);
    const kinds = items.map((i) => (i.type === 'span' ? i.span.phase : 'mark'));
    expect(kinds.indexOf('hold')).toBeGreaterThan(kinds.lastIndexOf('wait'));
    expect(kinds.indexOf('mark')).toBeGreaterThan(kinds.lastIndexOf('hold'));
    const wait = items.find(
      (i): i is SpanItem => i.type === 'span' && i.span.phase === 'wait' && i.lane === 2,
    )!;
    // Process-2 (lane 2) waited from 2100 to 3000 µs.
    const pxPerUs = (layout.width - layout.gutter) / (range.endUs - range.startUs);
    expect(wait.x).toBeCloseTo(layout.gutter + 1100 * pxPerUs);
    expect(wait.w).toBeCloseTo(900 * pxPerUs);
    expect(wait.y).toBe(layout.axis + 2 * layout.laneHeight + layout.barInset);
  });

  it('draws a hold still in progress up to now, marked open', () => {
    const partial = reduceActivity(EMPTY_ACTIVITY, ACTIVITY_RUN.slice(0, 6));
    const items = visibleActorItems(buildActorLanes(partial), partial, range, layout, 2600);
    const hold = items.find((i): i is SpanItem => i.type === 'span' && i.span.phase === 'hold')!;
    expect(hold.open).toBe(true);
    const pxPerUs = (layout.width - layout.gutter) / (range.endUs - range.startUs);
    expect(hold.w).toBeCloseTo((2600 - 2001) * pxPerUs);
  });

  it('ends a wait still open when its actor exited at the exit, not at now', () => {
    const who = { pid: 7, tid: 0 };
    const dead = reduceActivity(EMPTY_ACTIVITY, [
      { type: 'process-start', ts: 1000, ...who, name: 'P', backend: 'process', parentPid: 1, target: 'm#f' },
      { type: 'lock-request', ts: 1500, objectId: 'L', kind: 'lock', name: 'L', ...who },
      { type: 'process-exit', ts: 2000, ...who, name: 'P', exitCode: -9, signal: 'SIGKILL' },
    ]);
    const items = visibleActorItems(buildActorLanes(dead), dead, range, layout, 5000);
    const wait = items.find((i): i is SpanItem => i.type === 'span')!;
    const pxPerUs = (layout.width - layout.gutter) / (range.endUs - range.startUs);
    expect(wait.w).toBeCloseTo(500 * pxPerUs);
  });

  it('leaves out what is outside the range, and keeps one tick per pixel per lane and kind', () => {
    expect(visibleActorItems(lanes, activity, { startUs: 9000, endUs: 9100 }, layout, 9100)).toEqual([]);
    const burst: TraceEvent[] = Array.from({ length: 1000 }, (_, i) => ({
      type: 'queue-put',
      ts: 1000 + i / 100,
      objectId: 'q',
      kind: 'queue',
      name: 'q',
      pid: 1,
      tid: 0,
      ok: true,
      depth: i,
    }));
    const dense = reduceActivity(EMPTY_ACTIVITY, burst);
    const items = visibleActorItems(buildActorLanes(dense), dense, range, layout, 6000);
    expect(items.length).toBeLessThanOrEqual(3);
  });

  it('finds the box or tick under the pointer, ticks with a little slack', () => {
    const items = visibleActorItems(lanes, activity, range, layout, 6000);
    const wait = items.find((i): i is SpanItem => i.type === 'span' && i.span.phase === 'wait')!;
    expect(hitTestActors(items, wait.x + wait.w / 2, wait.y + 2)).toBe(wait);
    const tick = items.find((i) => i.type === 'mark')!;
    expect(hitTestActors(items, tick.x + 1.5, tick.y + 1)?.type).toBe('mark');
    expect(hitTestActors(items, 50, 50)).toBeNull();
  });

  it('fits the view: from the first activity to now while live; the operations with air once ended', () => {
    expect(fitActivityRange(EMPTY_ACTIVITY, 1, true)).toBeNull();
    const live = fitActivityRange(activity, 8000, true)!;
    expect(live.startUs).toBe(1000);
    expect(live.endUs).toBeGreaterThan(8000);
    // Operations ran from 2000 to 5000 µs; process start-up (1000) and exits (5300) are left out.
    const ended = fitActivityRange(activity, 99_999, false)!;
    expect(ended.startUs).toBeGreaterThan(1000);
    expect(ended.startUs).toBeLessThan(2000);
    expect(ended.endUs).toBeGreaterThan(5000);
    expect(ended.endUs).toBeLessThan(5300);
  });
});
