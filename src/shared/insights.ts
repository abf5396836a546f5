/**
 * Insights: plain-language findings computed from a session's trace (issue 4), shown in the
 * result panel and printed by `parascope run --json`. Types only: the engine that computes them
 * is `src/main/insights` (pure, so the renderer can reuse it).
 */

/** What an insight is about; part of the public interface (`--json` prints it as `kind`). */
export type InsightKind =
  | 'lost-updates'
  | 'busy-wait'
  | 'deadlock'
  | 'items-left-behind'
  | 'serialised'
  | 'idle-workers'
  | 'oversubscribed';

/**
 * How bad it is. `problem`: the program is wrong or stuck (lost updates, deadlock, items left
 * behind). `warning`: it works but wastes time or cores. `info`: worth knowing, may be intended.
 */
export type InsightSeverity = 'problem' | 'warning' | 'info';

/** What an insight points at: the timeline highlights this range and these objects and events. */
export interface InsightEvidence {
  /** Start of the range, on the trace clock (microseconds, as every event's `ts`). */
  fromTs: number;
  /** End of the range (inclusive), on the trace clock. */
  toTs: number;
  /** Primitives involved (`objectId` of their events). */
  objectIds?: string[];
  /** Tasks involved (`taskId` of their events). */
  taskIds?: string[];
  /** Processes involved. */
  pids?: number[];
  /** The events that show it, as indexes into the trace the insight was computed from. */
  events?: number[];
  /** Numbers behind the message (counts, expected and observed values, fractions, …). */
  details?: Record<string, unknown>;
}

/** One finding about a run. */
export interface Insight {
  kind: InsightKind;
  severity: InsightSeverity;
  /** One line, plain language, with the numbers. */
  message: string;
  evidence: InsightEvidence;
  /** One suggested fix, plain language. */
  fix: string;
}

/** What the engine knows besides the trace. */
export interface InsightContext {
  /** Logical CPUs of the machine the trace was recorded on (a positive integer). */
  cores: number;
  /** The run's expected result, where the scenario defines one. */
  expected?: unknown;
  /** What the run returned. */
  result?: unknown;
}
