/**
 * What both canvas timelines (tasks by worker; processes and threads) do the same way: follow
 * their container's width, zoom on the wheel around the pointer, and bring a newly chosen
 * insight's range into view. Each view keeps its own range state and paint loop.
 */
import { useEffect, useLayoutEffect, type RefObject } from 'react';
import { highlightRange } from '../timeline/highlight';
import { xToTime, zoomRange, type Layout, type TimeRange } from '../timeline/lanes';

/** Calls `setWidth` with the element's width now and whenever it changes. */
export function useElementWidth(ref: RefObject<HTMLElement | null>, setWidth: (width: number) => void): void {
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

/** What the wheel handler reads at the time of the event (refs, so it is registered once). */
export interface WheelZoomSource {
  /** The range drawn last. */
  range(): TimeRange;
  layout(): Layout;
  /** False while there is nothing to zoom (before a run). */
  enabled(): boolean;
}

/**
 * Zooms around the pointer on the wheel. The listener is not passive, so the page does not
 * scroll while the pointer is over the canvas.
 */
export function useWheelZoom(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  source: RefObject<WheelZoomSource>,
  setRange: (range: TimeRange) => void,
): void {
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return undefined;
    const onWheel = (e: WheelEvent): void => {
      const from = source.current;
      if (!from.enabled()) return;
      e.preventDefault();
      const current = from.range();
      const anchor = xToTime(e.offsetX, current, from.layout());
      setRange(zoomRange(current, anchor, Math.exp(e.deltaY * 0.0015)));
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [canvasRef, source, setRange]);
}

/**
 * Brings a newly chosen highlight into view when it is out of sight or tiny; clearing it (or one
 * already well in view) leaves the zoom alone. Call it after the view's reset-on-new-session
 * effect, so that on mount it wins. `currentView` reads the range shown at that moment.
 */
export function useHighlightFocus(
  highlight: { fromTs: number; toTs: number } | undefined,
  currentView: () => TimeRange,
  setRange: (range: TimeRange) => void,
): void {
  const from = highlight?.fromTs;
  const to = highlight?.toTs;
  useEffect(() => {
    if (from === undefined || to === undefined) return;
    const next = highlightRange(currentView(), { fromTs: from, toTs: to });
    if (next) setRange(next);
    // Only a change of the highlight moves the view, not every new `currentView` closure.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [from, to]);
}
