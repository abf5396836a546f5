/**
 * Which trace events the activity reducer reads, and checks that an event has the fields it
 * relies on (events arrive from other processes: a malformed one is ignored, never trusted).
 */
import type { TraceEvent } from '../../shared/trace-schema';

/** Event types this reducer reads (besides worker-spawn/exit, which it shares with the task reducer). */
const ACTIVITY_TYPES: ReadonlySet<string> = new Set<TraceEvent['type']>([
  'lock-request',
  'lock-acquire',
  'lock-release',
  'queue-put',
  'queue-get',
  'pipe-send',
  'pipe-recv',
  'value-read',
  'value-write',
  'event-signal',
  'barrier-wait',
  'process-start',
  'process-exit',
  'output',
]);

/** True for the event types the activity reducer reads (worker-spawn/exit aside). */
export function isActivityType(type: string): boolean {
  return ACTIVITY_TYPES.has(type);
}

/** An event with an actor (`pid`, `tid`). */
export type ActorEvent = Extract<TraceEvent, { pid: number; tid: number }>;
/** An event about a primitive (`objectId`, `name`, `kind`). */
export type PrimitiveEvent = Extract<ActorEvent, { objectId: string }>;

/** A non-negative integer (pids, thread ids, worker ids). */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** True when the event names its actor with a valid pid and tid. */
export function hasActor(event: TraceEvent): event is ActorEvent {
  const e = event as Partial<Record<'pid' | 'tid', unknown>>;
  return typeof event.ts === 'number' && isCount(e.pid) && isCount(e.tid);
}

/** True when the event names its primitive. */
export function isPrimitiveEvent(event: ActorEvent): event is PrimitiveEvent {
  const e = event as Partial<Record<'objectId' | 'name', unknown>>;
  return typeof e.objectId === 'string' && typeof e.name === 'string';
}
