/**
 * Where a pool's trace events go: its own `onTrace`, or the process-wide sink. `task-submit`
 * events wait until the pool dispatches (once per tick, pool-dispatch.ts) and leave as one
 * batch, ahead of anything else the pool sends, so a task's submit always precedes its start.
 */
import type { TraceEvent } from '../../shared/trace-schema';
import type { TraceSink } from './trace';
import { getTraceSink } from './trace';

/** A pool's trace output. */
export class PoolTraceOut {
  /** `task-submit` events not sent yet, by call. */
  private submits: TraceEvent[][] = [];

  /** `onTrace`: the pool's own sink, or null for the process-wide one. */
  constructor(private readonly onTrace: TraceSink | null) {}

  /** Keeps a call's `task-submit` events for the next {@link flushSubmits}. */
  submitted(events: TraceEvent[]): void {
    this.submits.push(events);
  }

  /** Sends the `task-submit` events kept since the last time, as one batch. */
  flushSubmits(): void {
    const submits = this.submits;
    if (submits.length === 0) return;
    this.submits = [];
    this.send(submits.length === 1 ? submits[0]! : submits.flat());
  }

  /** Sends `events` (after the submits kept: a task's submit goes before anything about it). */
  emit(events: TraceEvent[]): void {
    this.flushSubmits();
    this.send(events);
  }

  private send(events: TraceEvent[]): void {
    const sink = this.onTrace ?? getTraceSink();
    if (sink !== null) sink(events);
  }
}
