/** Where a session stands in time, as both timelines see it: live or not, and "now". */
import type { SessionView } from '../state/app-state';
import { hostNowUs, type ClockAnchor } from '../state/host-clock';

/** True while the session runs (or is starting): its open boxes grow to "now". */
export function isLive(session: SessionView | null): boolean {
  return session !== null && (session.phase === 'running' || session.phase === 'starting');
}

/**
 * "Now" on the trace clock, µs. While live: the host's clock mapped from the newest stamp (see
 * host-clock.ts), read at `localNowMs` (a `performance.now()` reading). Once ended: the moment it
 * ended, so a task cut off by Stop shows how long it ran. Never before the last event or the
 * start; 0 without a session.
 */
export function sessionNowUs(
  session: SessionView | null,
  clock: ClockAnchor | null,
  localNowMs: number,
): number {
  if (!session) return 0;
  const last = Math.max(session.trace.maxTs ?? -Infinity, session.startedUs ?? -Infinity);
  const floor = Number.isFinite(last) ? last : 0;
  if (!isLive(session)) return Math.max(floor, session.endedUs ?? floor);
  if (clock === null) return floor;
  return Math.max(floor, hostNowUs(clock, localNowMs));
}
