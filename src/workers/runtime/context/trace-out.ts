/**
 * Trace output of one context. Primitives record one event per operation, and a sink call per
 * event would cost more than the operation, so events collect here and go to the context's
 * sink (`getTraceSink()`: the session's sink in the root, the uplink in a child) in batches:
 * when 256 are waiting, when the oldest is 25 ms old, or once the current macrotask ends.
 *
 * In a child (`setPackedUplink`), the events of shared-memory primitives are kept as numbers
 * (trace-pack.ts) and go up as one packed message of up to 1 024 events, which the parent
 * unpacks: a lock used in a loop in a worker thread then costs tens of nanoseconds per event
 * instead of a structured clone of an object.
 */
import type { Actor, TraceEvent } from '../../../shared/trace-schema';
import type { PackedTrace } from '../../../shared/worker-protocol';
import { TRACE_FLUSH_INTERVAL_MS, TRACE_FLUSH_MAX_EVENTS, getTraceSink, nowUs } from '../trace';
import type { PrimitiveInfo } from './identity';
import { eventOf, PackedWriter, type PackedCode } from './trace-pack';

/** Events per packed message: a packet is one copy, so a larger one costs little more. */
const PACKED_MAX_EVENTS = 1024;

let pending: TraceEvent[] = [];
let oldestUs = 0;
let scheduled: NodeJS.Immediate | null = null;
let writer: PackedWriter | null = null;
let sendPacked: ((packet: PackedTrace) => void) | null = null;

/** True when this context records trace events (a sink is set). Check it before building an event. */
export function tracingActive(): boolean {
  return getTraceSink() !== null;
}

/**
 * Makes this context send its primitives' events up packed, through `send` (a child's uplink),
 * or, with null, to the sink as objects again.
 */
export function setPackedUplink(send: ((packet: PackedTrace) => void) | null): void {
  flushTrace();
  sendPacked = send;
  writer = send === null ? null : new PackedWriter();
}

/** Sends every buffered event to the sink now (the runtime calls this before a context exits). */
export function flushTrace(): void {
  if (scheduled !== null) {
    clearImmediate(scheduled);
    scheduled = null;
  }
  if (writer !== null && writer.size > 0) {
    const packet = writer.take();
    sendPacked!(packet);
  }
  if (pending.length === 0) return;
  const batch = pending;
  pending = [];
  const sink = getTraceSink();
  if (sink !== null) sink(batch);
}

/** After an event was added at `ts`, with `held` events now waiting: flush now, or soon. */
function added(ts: number, held: number, max: number): void {
  if (held === 1) oldestUs = ts;
  if (held >= max || ts - oldestUs >= TRACE_FLUSH_INTERVAL_MS * 1000) {
    flushTrace();
    return;
  }
  if (scheduled === null) {
    scheduled = setImmediate(flushTrace);
    // A pending flush alone must not keep a finished program alive.
    scheduled.unref();
  }
}

/** Records one event (dropped when no sink is set). */
export function emitTrace(event: TraceEvent): void {
  if (getTraceSink() === null) return;
  if (writer !== null) {
    writer.addObject(event);
    added(event.ts, writer.size, PACKED_MAX_EVENTS);
    return;
  }
  pending.push(event);
  added(event.ts, pending.length, TRACE_FLUSH_MAX_EVENTS);
}

/**
 * Records one event of a shared-memory primitive (see trace-pack.ts `eventOf` for `a` and `b`),
 * packed where this context sends its events up packed. Dropped when no sink is set.
 */
export function emitPrimitiveEvent(
  code: PackedCode,
  info: PrimitiveInfo,
  actor: Actor,
  a: number,
  b: number,
  ts: number = nowUs(),
): void {
  if (getTraceSink() === null) return;
  if (writer !== null) {
    writer.add(code, ts, info, actor, a, b);
    added(ts, writer.size, PACKED_MAX_EVENTS);
    return;
  }
  pending.push(eventOf(code, ts, info, actor.pid, actor.tid, a, b));
  added(ts, pending.length, TRACE_FLUSH_MAX_EVENTS);
}

export { nowUs };
