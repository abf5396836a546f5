/**
 * What the host remembers of its current (or last) session for `session:current`: the newest
 * status and the trace events so far, bounded in count and size so that a long run can neither
 * exhaust memory nor make a reply too large to send.
 */
import {
  MAX_SESSION_BYTES,
  MAX_SESSION_EVENTS,
  type CurrentSession,
  type SessionStatus,
} from '../../shared/contract';
import type { TraceEvent } from '../../shared/trace-schema';
import { badHostDependency } from './host-errors';

/** Bytes an event's fixed part takes as JSON (keys, type, numbers), generously. */
const EVENT_BASE_BYTES = 96;

/**
 * An event's size as JSON, estimated cheaply: a fixed part plus its strings (names, argument
 * summaries, error texts), which are what make events large.
 */
export function approxEventBytes(event: TraceEvent): number {
  let bytes = EVENT_BASE_BYTES;
  for (const value of Object.values(event)) if (typeof value === 'string') bytes += value.length;
  return bytes;
}

/** Bounds of a {@link SessionRecord}. */
export interface SessionRecordLimits {
  /** Most events kept; defaults to MAX_SESSION_EVENTS. */
  maxEvents?: number;
  /** Most estimated bytes kept (the newest event is always kept); defaults to MAX_SESSION_BYTES. */
  maxBytes?: number;
}

/** One session's status and trace: the newest events that fit the limits. */
export class SessionRecord {
  /** The newest status reported, or null before the first. */
  status: SessionStatus | null = null;
  /** Events kept are `events[head..]`; dropping the oldest only moves `head` (compacted now and then). */
  private events: TraceEvent[] = [];
  private sizes: number[] = [];
  private head = 0;
  private bytes = 0;
  private dropped = false;
  private readonly maxEvents: number;
  private readonly maxBytes: number;

  constructor(limits: SessionRecordLimits = {}) {
    this.maxEvents = positive('limits.maxEvents', limits.maxEvents ?? MAX_SESSION_EVENTS);
    this.maxBytes = positive('limits.maxBytes', limits.maxBytes ?? MAX_SESSION_BYTES);
  }

  /** Appends a batch, in arrival order, dropping the oldest events beyond the limits. */
  add(events: readonly TraceEvent[]): void {
    for (const event of events) {
      const size = approxEventBytes(event);
      this.events.push(event);
      this.sizes.push(size);
      this.bytes += size;
    }
    while (this.count > this.maxEvents || (this.bytes > this.maxBytes && this.count > 1)) {
      this.bytes -= this.sizes[this.head]!;
      this.head++;
      this.dropped = true;
    }
    // Compact once the dropped prefix is as long as what is kept: amortised O(1) per event.
    if (this.head > 0 && this.head >= this.count) {
      this.events = this.events.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
  }

  /** The reply to `session:current` (a copy), or null before any status. */
  snapshot(hostNowUs: number): CurrentSession | null {
    if (!this.status) return null;
    return { status: this.status, events: this.events.slice(this.head), truncated: this.dropped, hostNowUs };
  }

  private get count(): number {
    return this.events.length - this.head;
  }
}

function positive(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw badHostDependency(option, 'a positive integer');
  return value;
}
