/** The trace clock on the host side. */

/**
 * The host's monotonic clock in µs (`process.hrtime.bigint() / 1000n`): the clock every
 * trace event's `ts` is read from (one machine-wide monotonic clock, shared by every process),
 * so host stamps and worker events line up without translation.
 */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
