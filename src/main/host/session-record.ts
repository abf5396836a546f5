/**
 * What the host remembers of its current (or last) session for `session:current`: the newest
 * status and the trace so far, as the chunks that arrived (never decoded here), bounded in
 * events and bytes so that a long run can neither exhaust memory nor make a reply too large
 * to send.
 */
import {
  MAX_SESSION_BYTES,
  MAX_SESSION_EVENTS,
  type CurrentSession,
  type SessionStatus,
} from '../../shared/contract';
import { chunkEventCount, type TraceChunk } from '../../shared/trace-chunk';
import type { TraceEvent } from '../../shared/trace-schema';
import { badHostDependency } from './host-errors';

/** Bytes an object event's fixed part takes as JSON (keys, type, numbers), generously. */
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

/**
 * A chunk's size: its records' bytes plus the text it carries. Packed events cost nothing
 * beyond their record and the strings they point to (queue items are counted there); only
 * events kept as objects (output lines, …) are estimated one by one, since they are where
 * long texts live.
 */
export function chunkBytes(chunk: TraceChunk): number {
  let bytes = chunk.records.byteLength;
  for (const text of chunk.strings) bytes += text.length;
  for (const [objectId, kind, name] of chunk.infos) bytes += objectId.length + kind.length + name.length;
  for (const event of chunk.objects) bytes += approxEventBytes(event);
  return bytes;
}

/** Bounds of a {@link SessionRecord}. */
export interface SessionRecordLimits {
  /** Most events kept; defaults to MAX_SESSION_EVENTS. */
  maxEvents?: number;
  /** Most bytes of chunks kept (the newest chunk is always kept); defaults to MAX_SESSION_BYTES. */
  maxBytes?: number;
}

/**
 * One session's status and trace: the newest chunks that fit the limits. Whole chunks are
 * dropped, oldest first, so the count kept may be up to one chunk under `maxEvents`.
 */
export class SessionRecord {
  /** The newest status reported, or null before the first. */
  status: SessionStatus | null = null;
  /** Chunks kept are `chunks[head..]`; dropping the oldest only moves `head` (compacted now and then). */
  private chunks: TraceChunk[] = [];
  private counts: number[] = [];
  private sizes: number[] = [];
  private head = 0;
  private events = 0;
  private bytes = 0;
  private dropped = false;
  private readonly maxEvents: number;
  private readonly maxBytes: number;

  constructor(limits: SessionRecordLimits = {}) {
    this.maxEvents = positive('limits.maxEvents', limits.maxEvents ?? MAX_SESSION_EVENTS);
    this.maxBytes = positive('limits.maxBytes', limits.maxBytes ?? MAX_SESSION_BYTES);
  }

  /** Appends a chunk, in arrival order, dropping the oldest chunks beyond the limits. */
  add(chunk: TraceChunk): void {
    const count = chunkEventCount(chunk);
    if (count === 0) return;
    const size = chunkBytes(chunk);
    this.chunks.push(chunk);
    this.counts.push(count);
    this.sizes.push(size);
    this.events += count;
    this.bytes += size;
    while (this.kept > 1 && (this.events > this.maxEvents || this.bytes > this.maxBytes)) {
      this.events -= this.counts[this.head]!;
      this.bytes -= this.sizes[this.head]!;
      this.head++;
      this.dropped = true;
    }
    // Compact once the dropped prefix is as long as what is kept: amortised O(1) per chunk.
    if (this.head > 0 && this.head >= this.kept) {
      this.chunks = this.chunks.slice(this.head);
      this.counts = this.counts.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
  }

  /** Events kept (the sum of the kept chunks' counts). */
  get eventCount(): number {
    return this.events;
  }

  /** The reply to `session:current` (a copy of the list; the chunks are shared), or null before any status. */
  snapshot(hostNowUs: number): CurrentSession | null {
    if (!this.status) return null;
    return { status: this.status, chunks: this.chunks.slice(this.head), truncated: this.dropped, hostNowUs };
  }

  private get kept(): number {
    return this.chunks.length - this.head;
  }
}

function positive(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw badHostDependency(option, 'a positive integer');
  return value;
}
