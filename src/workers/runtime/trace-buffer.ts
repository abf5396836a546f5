/**
 * The worker's trace buffer. One IPC message per event would cost more than the tasks being
 * traced, so events collect in an array and leave in batches: when the buffer is full, when the
 * last flush is older than the interval (checked against each event's own timestamp, so even a
 * chunk that never yields to the event loop flushes on time), and whenever the owner asks.
 */
import type { TraceEvent } from '../../shared/trace-schema';

/** Batching limits of a {@link TraceBuffer}. */
export interface TraceBufferLimits {
  /** Flush when this many events are buffered. */
  maxEvents: number;
  /** Flush when the last flush is at least this old (ms). */
  intervalMs: number;
}

/** Collects trace events and hands them to `send` in batches. */
export class TraceBuffer {
  private events: TraceEvent[] = [];
  private lastFlushUs = 0;
  private readonly intervalUs: number;
  private readonly maxEvents: number;

  /** `send` receives each batch; the buffer never calls it with an empty batch. */
  constructor(
    private readonly send: (events: TraceEvent[]) => void,
    limits: TraceBufferLimits,
  ) {
    this.intervalUs = limits.intervalMs * 1000;
    this.maxEvents = Math.max(1, limits.maxEvents);
  }

  /** Number of events waiting to be sent. */
  get size(): number {
    return this.events.length;
  }

  /** Adds an event, flushing if the buffer is full or the interval has passed by `event.ts`. */
  push(event: TraceEvent): void {
    this.events.push(event);
    if (this.events.length >= this.maxEvents || this.due(event.ts)) this.flush(event.ts);
  }

  /** True when the last flush is at least the interval older than `nowUs`. */
  due(nowUs: number): boolean {
    return nowUs - this.lastFlushUs >= this.intervalUs;
  }

  /** Sends everything buffered (if anything); `nowUs` marks the time of this flush. */
  flush(nowUs: number): void {
    this.lastFlushUs = nowUs;
    if (this.events.length === 0) return;
    const batch = this.events;
    this.events = [];
    this.send(batch);
  }
}
