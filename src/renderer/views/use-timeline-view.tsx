/**
 * What both canvas timelines (tasks by worker; processes and threads) do the same way: follow
 * their container's width, paint in one requestAnimationFrame callback (requested when an input
 * changed, and every frame while the session runs), zoom on the wheel around the pointer, pan
 * on a drag, fit on a double-click, return to the fitted view for a new session or the Fit
 * button, bring a newly chosen insight's range into view, and show the hovered box's tooltip.
 * Each view supplies its painter, its hit test and its fitted view.
 */
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CanvasHTMLAttributes,
  type RefObject,
} from 'react';
import type { Theme } from '../app/theme';
import type { HighlightRange } from '../state/app-state';
import { readColors, type TimelineColors } from '../timeline/draw-timeline';
import { highlightAttr, highlightBand, highlightRange } from '../timeline/highlight';
import { xToTime, zoomRange, type Layout, type TimeRange } from '../timeline/lanes';
import type { DetailRow } from '../timeline/task-details';

/** What a painter is handed besides the view's own input. */
export interface PaintFrame<H> {
  colors: TimelineColors;
  layout: Layout;
  height: number;
  /** The range to draw: the user's zoom or pan, else the view's fitted range. */
  range: TimeRange;
  /** "Now" on the trace clock (µs), read once for this frame. */
  nowUs: number;
  /** True while the session runs (open boxes grow to now; painted again next frame). */
  live: boolean;
  /** The session's highlighted range, or null. */
  highlight: HighlightRange | null;
  /** The box under the pointer, as the last hit test found it. */
  hovered: H | null;
  /** The canvas's wrapper (for the view's own data attributes). */
  wrap: HTMLElement;
}

/** What a view supplies to {@link useTimelineCanvas}. */
export interface TimelineCanvasSpec<T, H> {
  theme: Theme;
  /** The layout without its width (the hook follows the container's width). */
  layout: Omit<Layout, 'width'>;
  height: number;
  /** Everything else the painter reads; the next animation frame sees the newest. */
  input: T;
  /** Paints one frame and returns the boxes it drew, for hit testing. */
  paint(ctx: CanvasRenderingContext2D, frame: PaintFrame<H>, input: T): H[];
  hitTest(hits: readonly H[], x: number, y: number): H | null;
  /** "Now" on the trace clock (µs) for `input`. */
  now(input: T): number;
  /** The range shown when the user has not zoomed or panned. */
  fit(input: T, nowUs: number): TimeRange;
  live: boolean;
  /** False while there is nothing to zoom (before a run). */
  zoomable: boolean;
  /** A change of either returns to the fitted view. */
  sessionId: string | null;
  fitSignal: number;
  /** The session's highlight: a newly chosen one is brought into view. */
  highlight: HighlightRange | undefined;
}

/** The hovered box and where the pointer is (CSS px in the canvas). */
export interface Hover<H> {
  hit: H;
  x: number;
  y: number;
}

/** What the view renders with. */
export interface TimelineCanvas<H> {
  wrapRef: RefObject<HTMLDivElement | null>;
  /** Spread on the `<canvas>`: its ref, class, size, pointer handlers and role. */
  canvasProps: CanvasHTMLAttributes<HTMLCanvasElement> & { ref: RefObject<HTMLCanvasElement | null> };
  /** The container's width (CSS px). */
  width: number;
  hover: Hover<H> | null;
}

/** A canvas timeline's state, paint loop and pointer handling (see the file's comment). */
export function useTimelineCanvas<T, H>(spec: TimelineCanvasSpec<T, H>): TimelineCanvas<H> {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [range, setRange] = useState<TimeRange | null>(null);
  const [hover, setHover] = useState<Hover<H> | null>(null);
  const base = spec.layout;
  const layout: Layout = useMemo(() => ({ ...base, width }), [base, width]);

  // What the painter and the handlers read; refreshed after every render.
  const state = { spec, layout, range, hovered: hover?.hit ?? null };
  const latest = useRef(state);
  const colors = useRef<TimelineColors | null>(null);
  const frame = useRef<number | null>(null);
  const drawn = useRef<{ range: TimeRange; hits: H[] }>({ range: { startUs: 0, endUs: 1 }, hits: [] });

  const paint = useCallback(function paintFrame(): void {
    frame.current = null;
    const canvas = canvasRef.current;
    const wrap = wrapRef.current;
    const current = latest.current;
    const { height } = current.spec;
    if (!canvas || !wrap || current.layout.width <= 0) return;
    colors.current ??= readColors(wrap);
    const dpr = window.devicePixelRatio || 1;
    const pxW = Math.round(current.layout.width * dpr);
    const pxH = Math.round(height * dpr);
    if (canvas.width !== pxW || canvas.height !== pxH) {
      canvas.width = pxW;
      canvas.height = pxH;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const { spec: view, layout } = current;
    const nowUs = view.now(view.input);
    const range = current.range ?? view.fit(view.input, nowUs);
    const highlight = view.highlight ?? null;
    const { live } = view;
    const hits = view.paint(
      ctx,
      {
        colors: colors.current,
        layout,
        height,
        range,
        nowUs,
        live,
        highlight,
        hovered: current.hovered,
        wrap,
      },
      view.input,
    );
    drawn.current = { range, hits };
    if (highlight && highlightBand(highlight, range, layout))
      canvas.dataset.highlight = highlightAttr(highlight);
    else delete canvas.dataset.highlight;
    if (live) frame.current = requestAnimationFrame(paintFrame);
  }, []);

  const requestPaint = useCallback((): void => {
    frame.current ??= requestAnimationFrame(paint);
  }, [paint]);

  useLayoutEffect(() => {
    latest.current = state;
    requestPaint();
  });

  useEffect(() => {
    colors.current = null;
    requestPaint();
  }, [spec.theme, requestPaint]);

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  // A new session or the Fit button returns to the fitted view.
  useEffect(() => setRange(null), [spec.sessionId, spec.fitSignal]);

  // A newly chosen highlight out of sight (or tiny) is brought into view; clearing it, or one
  // already well in view, leaves the zoom alone. After the reset above, so that on mount it wins.
  const from = spec.highlight?.fromTs;
  const to = spec.highlight?.toTs;
  useEffect(() => {
    if (from === undefined || to === undefined) return;
    const { spec: view, range: zoomed } = latest.current;
    const next = highlightRange(zoomed ?? view.fit(view.input, view.now(view.input)), {
      fromTs: from,
      toTs: to,
    });
    if (next) setRange(next);
  }, [from, to]);

  useElementWidth(wrapRef, setWidth);

  // Zoom around the pointer on the wheel; not passive, so the page does not scroll meanwhile.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return undefined;
    const onWheel = (e: WheelEvent): void => {
      if (!latest.current.spec.zoomable) return;
      e.preventDefault();
      const current = drawn.current.range;
      const anchor = xToTime(e.offsetX, current, latest.current.layout);
      setRange(zoomRange(current, anchor, Math.exp(e.deltaY * 0.0015)));
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, []);

  const drag = useRef<{ x: number; range: TimeRange } | null>(null);
  const endDrag = (): void => {
    drag.current = null;
  };
  const canvasProps: TimelineCanvas<H>['canvasProps'] = {
    ref: canvasRef,
    className: 'timeline-canvas',
    style: { width: '100%', height: spec.height },
    role: 'img',
    onPointerDown: (e) => {
      if (e.button !== 0) return;
      drag.current = { x: e.nativeEvent.offsetX, range: drawn.current.range };
      e.currentTarget.setPointerCapture(e.pointerId);
    },
    onPointerMove: (e) => {
      const x = e.nativeEvent.offsetX;
      const y = e.nativeEvent.offsetY;
      // A press that moved more than 2 px pans; less is a click, and hover goes on.
      if (drag.current && e.buttons & 1 && Math.abs(drag.current.x - x) > 2) {
        const { range: start } = drag.current;
        const plot = Math.max(1, layout.width - layout.gutter);
        const shift = ((drag.current.x - x) / plot) * (start.endUs - start.startUs);
        setRange({ startUs: start.startUs + shift, endUs: start.endUs + shift });
        setHover(null);
        return;
      }
      const hit = spec.hitTest(drawn.current.hits, x, y);
      setHover(hit ? { hit, x, y } : null);
    },
    onPointerUp: endDrag,
    onPointerCancel: endDrag,
    onPointerLeave: () => setHover(null),
    onDoubleClick: () => setRange(null),
  };
  return { wrapRef, canvasProps, width, hover };
}

/** Calls `setWidth` with the element's width now and whenever it changes. */
function useElementWidth(ref: RefObject<HTMLElement | null>, setWidth: (width: number) => void): void {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) setWidth(Math.floor(box.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, setWidth]);
}

/** A tooltip's content: a title and labelled rows. */
export interface TooltipDetails {
  title: string;
  rows: readonly DetailRow[];
}

/**
 * The hovered box's tooltip, below right of the pointer, or below left of it near the right edge
 * (within 300 px of `width`). An `error` row reads in the error colour.
 */
export function TimelineTooltip({
  at,
  width,
  details,
  testId,
}: {
  at: { x: number; y: number };
  width: number;
  details: TooltipDetails;
  testId: string;
}) {
  const flip = at.x > width - 300;
  return (
    <div
      className="tooltip"
      role="tooltip"
      data-testid={testId}
      style={{
        top: at.y + 14,
        left: flip ? undefined : at.x + 14,
        right: flip ? width - at.x + 14 : undefined,
      }}
    >
      <div className="tooltip-title">{details.title}</div>
      <dl>
        {details.rows.map((row) => (
          <div key={row.label} className={row.label === 'error' ? 'tooltip-row bad-text' : 'tooltip-row'}>
            <dt>{row.label}</dt>
            <dd className="mono">{row.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
