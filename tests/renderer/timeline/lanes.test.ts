import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { EMPTY_TRACE, reduceTrace } from '../../../src/renderer/state/trace-reducer';
import {
  buildLanes,
  DEFAULT_LAYOUT,
  hitTest,
  timeToX,
  visibleBars,
  xToTime,
  zoomRange,
  type Layout,
} from '../../../src/renderer/timeline/lanes';

const layout: Layout = { gutter: 100, axis: 20, laneHeight: 30, barInset: 5, width: 1100 };
const range = { startUs: 0, endUs: 1000 };

const events: TraceEvent[] = [
  { type: 'worker-spawn', ts: 0, workerId: 1, pid: 11, backend: 'process' },
  { type: 'worker-spawn', ts: 0, workerId: 0, pid: 10, backend: 'process' },
  { type: 'worker-spawn', ts: 0, workerId: 2, pid: 12, backend: 'process' },
  { type: 'task-submit', ts: 0, taskId: 'a', name: 'f', args: '' },
  { type: 'task-start', ts: 500, taskId: 'b', workerId: 0, pid: 10 },
  { type: 'task-end', ts: 600, taskId: 'b', workerId: 0, pid: 10, ok: true },
  { type: 'task-start', ts: 100, taskId: 'a', workerId: 0, pid: 10 },
  { type: 'task-end', ts: 300, taskId: 'a', workerId: 0, pid: 10, ok: true },
  { type: 'task-start', ts: 200, taskId: 'c', workerId: 1, pid: 11 },
  { type: 'task-submit', ts: 0, taskId: 'queued', name: 'f', args: '' },
];
const trace = reduceTrace(EMPTY_TRACE, events);

describe('buildLanes', () => {
  it('makes one lane per worker, by worker id, with started tasks in start order', () => {
    const lanes = buildLanes(trace);
    expect(lanes.map((l) => l.worker.workerId)).toEqual([0, 1, 2]);
    expect(lanes[0]!.tasks.map((t) => t.taskId)).toEqual(['a', 'b']);
    expect(lanes[1]!.tasks.map((t) => t.taskId)).toEqual(['c']);
    // An idle worker still gets its lane; a queued task has no bar yet.
    expect(lanes[2]!.tasks).toEqual([]);
  });
});

describe('visibleBars', () => {
  it('places bars by time and lane, and grows an unfinished task to now', () => {
    const bars = visibleBars(buildLanes(trace), range, layout, 800);
    const byId = Object.fromEntries(bars.map((b) => [b.task.taskId, b]));
    expect(byId.a).toMatchObject({ x: 200, w: 200, lane: 0, y: 25, h: 20, open: false });
    expect(byId.c).toMatchObject({ x: 300, w: 600, lane: 1, y: 55, open: true });
    expect(bars).toHaveLength(3);
  });

  it('leaves out bars outside the range and clips the ones crossing it', () => {
    const bars = visibleBars(buildLanes(trace), { startUs: 350, endUs: 550 }, layout, 400);
    expect(bars.map((b) => b.task.taskId).sort()).toEqual(['b', 'c']);
    const b = bars.find((bar) => bar.task.taskId === 'b')!;
    expect(b.x + b.w).toBeLessThanOrEqual(layout.width);
    expect(bars.every((bar) => bar.x >= layout.gutter)).toBe(true);
  });

  it('draws very short tasks at least one pixel wide', () => {
    const bars = visibleBars(buildLanes(trace), { startUs: 0, endUs: 1e9 }, layout, 800);
    expect(bars.every((bar) => bar.w >= 1)).toBe(true);
  });
});

describe('hitTest', () => {
  it('finds the bar under the pointer and nothing between bars or lanes', () => {
    const bars = visibleBars(buildLanes(trace), range, layout, 800);
    expect(hitTest(bars, 250, 35)?.task.taskId).toBe('a');
    expect(hitTest(bars, 450, 35)).toBeNull();
    expect(hitTest(bars, 250, 51)).toBeNull();
    expect(hitTest(bars, 850, 65)?.task.taskId).toBe('c');
  });
});

describe('time ↔ x', () => {
  it('are inverses and map the range onto the plot right of the gutter', () => {
    expect(timeToX(0, range, layout)).toBe(100);
    expect(timeToX(1000, range, layout)).toBe(1100);
    expect(xToTime(timeToX(321, range, layout), range, layout)).toBeCloseTo(321);
  });
});

describe('zoomRange', () => {
  it('keeps the anchor time at the same fraction of the range', () => {
    const zoomed = zoomRange({ startUs: 0, endUs: 1000 }, 250, 0.5);
    expect(zoomed).toEqual({ startUs: 125, endUs: 625 });
  });

  it('does not zoom in past the minimum span', () => {
    const zoomed = zoomRange({ startUs: 0, endUs: 100 }, 50, 0.001, 10);
    expect(zoomed.endUs - zoomed.startUs).toBe(10);
  });
});

describe('DEFAULT_LAYOUT', () => {
  it('leaves room for bars inside a lane', () => {
    expect(DEFAULT_LAYOUT.laneHeight - 2 * DEFAULT_LAYOUT.barInset).toBeGreaterThan(10);
  });
});
