/**
 * Trace output of one context. Primitives record one event per operation, and a sink call per
 * event would cost more than the operation, so events collect in one {@link ChunkWriter} and go
 * to the context's sink (the session's sink in the root, the uplink in a child) as one trace
 * chunk: when 1 024 are waiting, when the oldest is 25 ms old, or once the current macrotask
 * ends. The events of shared-memory primitives, queues and pipes are written as numbers (no
 * object per event): a lock used in a loop in a worker thread costs tens of nanoseconds per
 * event, and a traced queue pays no object per item.
 */
import { ChunkWriter, type ChannelCode, type PrimitiveCode } from '../../../shared/trace-chunk';
import type { Actor, TraceEvent } from '../../../shared/trace-schema';
import { TRACE_FLUSH_INTERVAL_MS, nowUs, processChunkSink } from '../trace';
import type { PrimitiveInfo } from './identity';

/** Events per chunk: a chunk is one copy, so a larger one costs little more. */
const MAX_EVENTS = 1024;

const writer = new ChunkWriter();
let oldestUs = 0;
let scheduled: NodeJS.Immediate | null = null;

/** True when this context records trace events (a sink is set). Check it before building an event. */
export function tracingActive(): boolean {
  return processChunkSink() !== null;
}

/** Sends every buffered event to the sink now (the runtime calls this before a context exits). */
export function flushTrace(): void {
  if (scheduled !== null) {
    clearImmediate(scheduled);
    scheduled = null;
  }
  if (writer.size === 0) return;
  const chunk = writer.take();
  processChunkSink()?.(chunk);
}

/** After an event was added at `ts`: flush now, or soon. */
function added(ts: number): void {
  const held = writer.size;
  if (held === 1) oldestUs = ts;
  if (held >= MAX_EVENTS || ts - oldestUs >= TRACE_FLUSH_INTERVAL_MS * 1000) {
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
  if (processChunkSink() === null) return;
  writer.addObject(event);
  added(event.ts);
}

/**
 * Records one event of a shared-memory primitive, packed (see `primitiveEvent` in
 * trace-chunk.ts for `a` and `b`). Dropped when no sink is set.
 */
export function emitPrimitiveEvent(
  code: PrimitiveCode,
  info: PrimitiveInfo,
  actor: Actor,
  a: number,
  b: number,
  ts: number = nowUs(),
): void {
  if (processChunkSink() === null) return;
  writer.addPrimitive(code, ts, info, actor.pid, actor.tid, a, b);
  added(ts);
}

/**
 * Records one queue or pipe event, packed (see `ChunkWriter.addChannel` for `x`, `item` and
 * `error`). Dropped when no sink is set.
 */
export function emitChannelEvent(
  code: ChannelCode,
  info: PrimitiveInfo,
  actor: Actor,
  ok: boolean,
  x: number,
  item: string | number | undefined,
  error?: string,
): void {
  if (processChunkSink() === null) return;
  const ts = nowUs();
  writer.addChannel(code, ts, info, actor.pid, actor.tid, ok, x, item, error);
  added(ts);
}

export { nowUs };
