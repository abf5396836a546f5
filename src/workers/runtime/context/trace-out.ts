/**
 * Trace output of one context. Primitives record one event per operation, and a sink call per
 * event would cost more than the operation, so events collect here and go to the context's
 * sink (`getTraceSink()`: the session's sink in the root, the uplink in a child) in batches:
 * when 256 are waiting, when the oldest is 25 ms old, or once the current macrotask ends.
 */
import type { TraceEvent } from '../../../shared/trace-schema';
import { TRACE_FLUSH_INTERVAL_MS, TRACE_FLUSH_MAX_EVENTS, getTraceSink, nowUs } from '../trace';

let pending: TraceEvent[] = [];
let oldestUs = 0;
let scheduled: NodeJS.Immediate | null = null;

/** True when this context records trace events (a sink is set). Check it before building an event. */
export function tracingActive(): boolean {
  return getTraceSink() !== null;
}

/** Sends every buffered event to the sink now (the runtime calls this before a context exits). */
export function flushTrace(): void {
  if (scheduled !== null) {
    clearImmediate(scheduled);
    scheduled = null;
  }
  if (pending.length === 0) return;
  const batch = pending;
  pending = [];
  const sink = getTraceSink();
  if (sink !== null) sink(batch);
}

/** Records one event (dropped when no sink is set). */
export function emitTrace(event: TraceEvent): void {
  if (getTraceSink() === null) return;
  if (pending.length === 0) oldestUs = event.ts;
  pending.push(event);
  if (pending.length >= TRACE_FLUSH_MAX_EVENTS || event.ts - oldestUs >= TRACE_FLUSH_INTERVAL_MS * 1000) {
    flushTrace();
    return;
  }
  if (scheduled === null) {
    scheduled = setImmediate(flushTrace);
    // A pending flush alone must not keep a finished program alive.
    scheduled.unref();
  }
}

export { nowUs };
