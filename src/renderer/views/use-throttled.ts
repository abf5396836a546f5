/** A value that follows its input at most every `ms`, for views too costly to redraw every frame. */
import { useEffect, useRef, useState } from 'react';

/**
 * `value`, updated at most once per `ms` (the newest one wins; the first is taken at once).
 * Charts use it: recharts re-renders its whole SVG on each change, and a queue's depth changes
 * on every frame of a busy run, while a few updates a second read the same to a person.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return undefined;
    const wait = last.current + ms - performance.now();
    const timer = setTimeout(
      () => {
        last.current = performance.now();
        setShown(value);
      },
      Math.max(0, wait),
    );
    return () => clearTimeout(timer);
  }, [value, shown, ms]);
  return shown;
}
