/** The browser's frame clock as a {@link FrameScheduler} (kept apart: it needs the DOM). */
import type { FrameScheduler } from './frame-store';

/** Runs the callback just before the next paint. */
export const animationFrameScheduler: FrameScheduler = (fn) => {
  const handle = requestAnimationFrame(() => fn());
  return () => cancelAnimationFrame(handle);
};
