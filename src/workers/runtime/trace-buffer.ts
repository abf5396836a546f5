/**
 * The worker's trace buffer. One IPC message per event would cost more than the tasks being
 * traced, so events collect in a {@link ChunkWriter} (task events as numbers, no object per
 * event) and leave as one trace chunk: when the buffer is full, when the last flush is older
 * than the interval (checked against each event's own timestamp, so even a chunk that never
 * yields to the event loop flushes on time), and whenever the owner asks.
 */
import { ChunkWriter, type TraceChunk } from '../../shared/trace-chunk';
import type { TraceEvent } from '../../shared/trace-schema';

/** Batching limits of a {@link TraceBuffer}. */
export interface TraceBufferLimits {
  /** Flush when this many events are buffered. */
  maxEvents: number;
  /** Flush when the last flush is at least this old (ms). */
  intervalMs: number;
}

/** Collects trace events and hands them to `send` as chunks. */
export class TraceBuffer {
  /** Where events are written; call {@link added} after writing to it directly. */
  readonly writer = new ChunkWriter();
  private lastFlushUs = 0;
  private readonly intervalUs: number;
  private readonly maxEvents: number;

  /** `send` receives each chunk; the buffer never calls it with an empty one. */
  constructor(
    private readonly send: (chunk: TraceChunk) => void,
    limits: TraceBufferLimits,
  ) {
    this.intervalUs = limits.intervalMs * 1000;
    this.maxEvents = Math.max(1, limits.maxEvents);
  }

  /** Number of events waiting to be sent. */
  get size(): number {
    return this.writer.size;
  }

  /** Adds an event as an object (task events go to {@link writer} packed, then {@link added}). */
  push(event: TraceEvent): void {
    this.writer.addObject(event);
    this.added(event.ts);
  }

  /** After an event at `ts` was written: flushes if the buffer is full or the interval passed. */
  added(ts: number): void {
    if (this.writer.size >= this.maxEvents || this.due(ts)) this.flush(ts);
  }

  /** True when the last flush is at least the interval older than `nowUs`. */
  due(nowUs: number): boolean {
    return nowUs - this.lastFlushUs >= this.intervalUs;
  }

  /** Sends everything buffered (if anything); `nowUs` marks the time of this flush. */
  flush(nowUs: number): void {
    this.lastFlushUs = nowUs;
    if (this.writer.size === 0) return;
    this.send(this.writer.take());
  }
}
