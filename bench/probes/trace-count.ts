/**
 * Counting trace events without depending on every event type: a task is complete in the
 * trace once it has a `task-end`, or is one of the `count` tasks of a `task-batch` (the
 * runtime may fold many short tasks into one such event).
 *
 * {@link TraceCount.addChunk} counts a trace chunk as the app's session process does: by its
 * records' codes, without decoding it (only events kept as objects are looked at), and keeps
 * nothing (the session process forwards each chunk and lets it go).
 */
import {
  chunkEventCount,
  newChunkTally,
  tallyChunk,
  tallyObject,
  type TraceChunk,
} from '../../src/shared/trace-chunk';

/** Running totals over trace batches. */
export class TraceCount {
  /** Every event received. */
  events = 0;
  private readonly tally = newChunkTally();

  /** Tasks whose end the trace records. */
  get tasksEnded(): number {
    return this.tally.ended;
  }

  /** Events per `type`. */
  get byType(): Record<string, number> {
    return { ...this.tally.byType } as Record<string, number>;
  }

  /** Adds one batch of decoded events. */
  add(batch: readonly unknown[]): void {
    this.events += batch.length;
    for (const event of batch) tallyObject(event as { type: string }, this.tally);
  }

  /** Adds one chunk, undecoded: packed records by their code, object events as objects. */
  addChunk(chunk: TraceChunk): void {
    this.events += chunkEventCount(chunk);
    tallyChunk(chunk, this.tally);
  }
}
