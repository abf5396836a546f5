/**
 * Insights of a run, computed on the main side when the run ends, before its summary is
 * published: the session runner keeps a bounded copy of every trace batch it passes on
 * ({@link TraceKeeper}) and {@link withInsights} adds what the insights engine finds to the
 * summary. Both the app (through the host) and `parascope run` get the same summary.
 */
import os from 'node:os';
import { MAX_SESSION_EVENTS } from '../../shared/contract';
import type { Insight } from '../../shared/insights';
import type { RunSummary } from '../../shared/scenarios';
import type { TraceEvent } from '../../shared/trace-schema';
import { computeInsights } from '../insights';

/**
 * The newest `max` events of a run, in arrival order. The same bound as the host's session
 * record, so a long run cannot exhaust memory; the engine then judges the newest part.
 */
export class TraceKeeper {
  private events: TraceEvent[] = [];
  private head = 0;
  /** True once older events were dropped. */
  truncated = false;

  constructor(private readonly max: number = MAX_SESSION_EVENTS) {}

  /** Appends a batch, dropping the oldest events beyond the bound. */
  add(batch: readonly TraceEvent[]): void {
    for (const event of batch) this.events.push(event);
    const excess = this.events.length - this.head - this.max;
    if (excess > 0) {
      this.head += excess;
      this.truncated = true;
    }
    // Compact once the dropped prefix is as long as what is kept: amortised O(1) per event.
    if (this.head > 0 && this.head >= this.events.length - this.head) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
  }

  /** The events kept (a copy when some were dropped). */
  list(): readonly TraceEvent[] {
    return this.head === 0 ? this.events : this.events.slice(this.head);
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
