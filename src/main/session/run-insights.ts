/**
 * Insights of a run, computed on the main side when the run ends, before its summary is
 * published: the session runner keeps a bounded copy of every trace chunk it passes on
 * ({@link TraceKeeper}) and {@link withInsights} adds what the insights engine finds to the
 * summary. Both the app (through the host) and `parascope run` get the same summary.
 */
import os from 'node:os';
import { MAX_SESSION_EVENTS } from '../../shared/contract';
import type { Insight } from '../../shared/insights';
import type { RunSummary } from '../../shared/scenarios';
import { chunkEventCount, decodeChunk, type TraceChunk } from '../../shared/trace-chunk';
import type { TraceEvent } from '../../shared/trace-schema';
import { computeInsights } from '../insights';

/**
 * The newest chunks of a run holding at most `max` events (whole chunks, oldest dropped first),
 * in arrival order. The same bound as the host's session record, so a long run cannot exhaust
 * memory; the engine then judges the newest part. Chunks are kept as they came and decoded
 * once, by {@link TraceKeeper.list}, when the run ends.
 */
export class TraceKeeper {
  private chunks: TraceChunk[] = [];
  private counts: number[] = [];
  private head = 0;
  private events = 0;
  /** True once older events were dropped. */
  truncated = false;

  constructor(private readonly max: number = MAX_SESSION_EVENTS) {}

  /** Appends a chunk, dropping the oldest chunks beyond the bound (the newest is always kept). */
  add(chunk: TraceChunk): void {
    const count = chunkEventCount(chunk);
    if (count === 0) return;
    this.chunks.push(chunk);
    this.counts.push(count);
    this.events += count;
    while (this.events > this.max && this.chunks.length - this.head > 1) {
      this.events -= this.counts[this.head]!;
      this.head++;
      this.truncated = true;
    }
    // Compact once the dropped prefix is as long as what is kept: amortised O(1) per chunk.
    if (this.head > 0 && this.head >= this.chunks.length - this.head) {
      this.chunks = this.chunks.slice(this.head);
      this.counts = this.counts.slice(this.head);
      this.head = 0;
    }
  }

  /** The events kept, decoded (a new array on every call). */
  list(): TraceEvent[] {
    const events: TraceEvent[] = [];
    for (let i = this.head; i < this.chunks.length; i++) {
      for (const event of decodeChunk(this.chunks[i]!)) events.push(event);
    }
    return events;
  }
}

/** Logical CPUs of this machine, as the host reports them (`host:info`). */
export function machineCores(): number {
  return os.cpus().length || os.availableParallelism();
}

/**
 * `summary` with the insights of `events` (problems first). The engine is pure and judges
 * only the trace, the core count and the run's expected and actual result; should it ever
 * throw on a trace it does not expect, the run is still reported (without insights) and
 * `onError` hears why, since a finding must never cost the user their result.
 */
export function withInsights(
  summary: RunSummary,
  events: readonly TraceEvent[],
  cores: number = machineCores(),
  onError: (error: unknown) => void = () => {},
): RunSummary {
  let insights: Insight[];
  try {
    insights = computeInsights(events, {
      cores,
      ...('expected' in summary ? { expected: summary.expected } : {}),
      result: summary.result,
    });
  } catch (error) {
    onError(error);
    return summary;
  }
  return { ...summary, insights };
}
