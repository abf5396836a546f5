/**
 * Geometry of the task timeline: lanes from the trace, time ↔ pixel mapping, the bars that
 * fall in view, and hit testing. Pure, so the canvas drawing and the hover tooltip agree on
 * where every bar is.
 */
import type { TaskRecord, TraceState, WorkerRecord } from '../state/trace-reducer';

/** One worker's lane with its started tasks, in start order. */
export interface Lane {
  worker: WorkerRecord;
  tasks: TaskRecord[];
}

/** Pixel layout of the plot. */
export interface Layout {
  /** Width of the lane-label gutter. */
  gutter: number;
  /** Height of the time axis above the lanes. */
  axis: number;
  laneHeight: number;
  /** Vertical padding inside a lane above and below its bars. */
  barInset: number;
  /** Total CSS width of the canvas. */
  width: number;
}

/** The visible time range, µs on the trace clock. */
export interface TimeRange {
  startUs: number;
  endUs: number;
}

/** A bar as drawn: its task and pixel box (CSS px). */
export interface Bar {
  task: TaskRecord;
  lane: number;
  x: number;
  y: number;
  w: number;
  h: number;
  /** True while the task has no end (drawn to `nowUs`). */
  open: boolean;
}

/** Default layout numbers (CSS px). */
export const DEFAULT_LAYOUT: Omit<Layout, 'width'> = { gutter: 136, axis: 28, laneHeight: 34, barInset: 6 };

/** Lanes ordered by worker id; a task appears once it has started. */
export function buildLanes(trace: TraceState): Lane[] {
  const byWorker = new Map<number, TaskRecord[]>();
  for (const worker of trace.workers.values()) byWorker.set(worker.workerId, []);
  for (const task of trace.tasks.values()) {
    if (task.startTs === null || task.workerId === null) continue;
    let list = byWorker.get(task.workerId);
    if (!list) byWorker.set(task.workerId, (list = []));
    list.push(task);
  }
  const lanes: Lane[] = [];
  for (const [workerId, tasks] of byWorker) {
    tasks.sort((a, b) => a.startTs! - b.startTs! || a.taskId.localeCompare(b.taskId));
    const worker = trace.workers.get(workerId) ?? {
      workerId,
      pid: tasks[0]?.pid ?? null,
      backend: null,
      spawnTs: null,
      exitTs: null,
      exitCode: null,
      signal: null,
    };
    lanes.push({ worker, tasks });
  }
  return lanes.sort((a, b) => a.worker.workerId - b.worker.workerId);
}

/** Canvas height (CSS px) for `laneCount` lanes. */
export function plotHeight(layout: Omit<Layout, 'width'>, laneCount: number): number {
  return layout.axis + Math.max(1, laneCount) * layout.laneHeight + 8;
}

/** x (CSS px) of time `us`. */
export function timeToX(us: number, range: TimeRange, layout: Layout): number {
  const plotWidth = Math.max(1, layout.width - layout.gutter);
  const span = Math.max(1, range.endUs - range.startUs);
  return layout.gutter + ((us - range.startUs) / span) * plotWidth;
}

/** Time (µs) at x (CSS px). */
export function xToTime(x: number, range: TimeRange, layout: Layout): number {
  const plotWidth = Math.max(1, layout.width - layout.gutter);
  return range.startUs + ((x - layout.gutter) / plotWidth) * (range.endUs - range.startUs);
}

/**
 * The bars intersecting `range`. An unfinished task extends to `nowUs`. Bars are at least
 * 1 px wide so that a very short task stays visible when zoomed out.
 */
export function visibleBars(lanes: readonly Lane[], range: TimeRange, layout: Layout, nowUs: number): Bar[] {
  const bars: Bar[] = [];
  const plotRight = layout.width;
  lanes.forEach((lane, index) => {
    const y = layout.axis + index * layout.laneHeight + layout.barInset;
    const h = layout.laneHeight - 2 * layout.barInset;
    for (const task of lane.tasks) {
      const start = task.startTs!;
      const open = task.endTs === null;
      const end = open ? Math.max(start, nowUs) : task.endTs!;
      if (end < range.startUs || start > range.endUs) continue;
      const x0 = Math.max(layout.gutter, timeToX(start, range, layout));
      const x1 = Math.min(plotRight, timeToX(end, range, layout));
      bars.push({ task, lane: index, x: x0, y, w: Math.max(1, x1 - x0), h, open });
    }
  });
  return bars;
}

/**
 * The bar under (x, y), or null. Where bars overlap at this zoom (sub-pixel tasks), the
 * last drawn (topmost) wins, matching what the user sees.
 */
export function hitTest(bars: readonly Bar[], x: number, y: number): Bar | null {
  for (let i = bars.length - 1; i >= 0; i--) {
    const bar = bars[i]!;
    // Half a pixel of slack either side makes 1 px bars hoverable.
    if (x >= bar.x - 0.5 && x <= bar.x + bar.w + 0.5 && y >= bar.y && y <= bar.y + bar.h) return bar;
  }
  return null;
}

/** Zooms `range` by `factor` (< 1 zooms in) keeping time `anchorUs` under the pointer. */
export function zoomRange(range: TimeRange, anchorUs: number, factor: number, minSpanUs = 10): TimeRange {
  const span = Math.max(minSpanUs, (range.endUs - range.startUs) * factor);
  const ratio =
    range.endUs === range.startUs ? 0.5 : (anchorUs - range.startUs) / (range.endUs - range.startUs);
  const startUs = anchorUs - ratio * span;
  return { startUs, endUs: startUs + span };
}
