/**
 * Where a pool's trace goes: its own sink (`onTrace`, `onTraceChunk`), or the process-wide one.
 * The pool writes its `task-submit` events packed into one {@link ChunkWriter} as calls arrive;
 * they leave as one chunk when the pool dispatches (once per tick, pool-dispatch.ts) or once
 * `TRACE_FLUSH_MAX_EVENTS` are held, ahead of anything else the pool sends, so a task's submit
 * always precedes its start. Workers' chunks
 * are passed on as they came, never decoded here.
 */
import { ChunkWriter, type TraceChunk } from '../../shared/trace-chunk';
import type { TraceEvent } from '../../shared/trace-schema';
import type { TraceChunkSink } from './trace';
import { TRACE_FLUSH_MAX_EVENTS, processChunkSink, writeTaskSubmit } from './trace';

/** A pool's trace output. */
export class PoolTraceOut {
  /** `task-submit` events not sent yet. */
  private readonly submits = new ChunkWriter();
  /** The pool's other events, written and sent at once (kept: a writer's buffer is reused). */
  private readonly others = new ChunkWriter();

  /** `sink`: the pool's own sink, or null for the process-wide one (looked up at each send). */
  constructor(private readonly sink: TraceChunkSink | null) {}

  /**
   * Records the `task-submit` of every task of call `callId` (`items`: the call's inputs, each
   * an argument list with `spread`), all at `ts`, for the next {@link flushSubmits}.
   */
  submitted(ts: number, callId: number, name: string, items: readonly unknown[], spread: boolean): void {
    const writer = this.submits;
    for (let i = 0; i < items.length; i++) writeTaskSubmit(writer, ts, callId, i, name, items[i], spread);
    // A loop of 50 000 calls would otherwise grow one buffer to megabytes (doubling, then
    // copied by take()): sent in bounded chunks, the writer's buffer is reused, and earlier
    // only keeps a submit ahead of its start.
    if (writer.size >= TRACE_FLUSH_MAX_EVENTS) this.flushSubmits();
  }

  /** Sends the `task-submit` events kept since the last time, as one chunk. */
  flushSubmits(): void {
    if (this.submits.size === 0) return;
    this.send(this.submits.take());
  }

  /** Sends a chunk (after the submits kept: a task's submit goes before anything about it). */
  forward(chunk: TraceChunk): void {
    this.flushSubmits();
    this.send(chunk);
  }

  /** Sends events the pool itself recorded (a worker's exit, its output), in one chunk. */
  emit(events: readonly TraceEvent[]): void {
    this.flushSubmits();
    for (const event of events) this.others.addObject(event);
    this.send(this.others.take());
  }

  private send(chunk: TraceChunk): void {
    const sink = this.sink ?? processChunkSink();
    if (sink !== null) sink(chunk);
  }
}
