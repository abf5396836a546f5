/** Reconnect delays: exponential from `baseMs`, capped at `maxMs` (deterministic, no jitter). */

/** Back-off settings. */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/** Defaults: 250 ms, 500 ms, 1 s, 2 s, 4 s, then every 5 s. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 5000 };

/** Delay before reconnect attempt number `attempt` (0 for the first retry). */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const n = Math.max(0, Math.floor(attempt));
  // 2 ** 30 already exceeds any sane cap; clamping the exponent avoids Infinity.
  return Math.min(options.maxMs, options.baseMs * 2 ** Math.min(n, 30));
}
