/**
 * The renderer's view of the host's trace clock (the host's monotonic clock in µs, on which
 * every trace event's `ts` lies). The host stamps its time on every trace batch and on the
 * `session:current` reply (`hostNowUs`); the renderer notes its own `performance.now()` when
 * such a message arrives. "Now" on the trace clock is then the newest stamp plus the local time
 * elapsed since it arrived. Both clocks are monotonic and tick at the same rate, so the only
 * error is the stamp's transit time (well under a millisecond on one machine): the derived now
 * lags the true one by that much and never runs ahead of events still to come.
 */

/** One host stamp and the local time it arrived. */
export interface ClockAnchor {
  /** The host's trace clock, µs. */
  hostUs: number;
  /** `performance.now()` when the stamp arrived, ms. */
  localMs: number;
}

/** An anchor from a stamp that crossed a boundary; null when the stamp is not a finite number. */
export function anchorAt(hostUs: unknown, localMs: number): ClockAnchor | null {
  return typeof hostUs === 'number' && Number.isFinite(hostUs) ? { hostUs, localMs } : null;
}

/** The host's trace clock (µs) at local time `localNowMs` (a `performance.now()` reading). */
export function hostNowUs(anchor: ClockAnchor, localNowMs: number): number {
  return anchor.hostUs + (localNowMs - anchor.localMs) * 1000;
}
