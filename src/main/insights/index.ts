/**
 * The insights engine: pure functions from a trace to plain-language findings (issue 4).
 * No `node:` or Electron imports, so the renderer can run it too.
 *
 * {@link computeInsights} orders the events by `ts` (the runtime's batches arrive out of order
 * across contexts), runs every detector over them and returns their insights, problems first.
 * Each detector's module documents its rules and thresholds:
 * - `lost-updates` (lost-updates.ts): read-modify-write races on Values and Array elements.
 * - `busy-wait` (busy-wait.ts): polling without progress, at least 50 polls over 5 ms at 1 kHz.
 * - `deadlock` (deadlock.ts, gone-peers.ts): lock cycles that lasted; waits on exited peers.
 * - `items-left-behind` (items-left-behind.ts): a non-empty queue whose consumers have gone.
 * - `serialised` (serialised.ts): tasks run one at a time; a lock held across whole tasks.
 * - `idle-workers` (idle-workers.ts), `oversubscribed` (oversubscribed.ts): fewer busy workers
 *   than cores, or more runnable than cores, for over 60% of a run of at least 100 ms.
 *
 * Event types it does not know are ignored, as the trace schema asks of readers.
 */
import type { Insight, InsightContext, InsightSeverity } from '../../shared/insights';
import type { TraceEvent } from '../../shared/trace-schema';
import { invalidArgument } from '../../workers/runtime/errors';
import { detectBusyWait } from './busy-wait';
import { detectDeadlocks } from './deadlock';
import { detectGonePeers } from './gone-peers';
import { detectIdleWorkers } from './idle-workers';
import { detectItemsLeftBehind } from './items-left-behind';
import { detectLostUpdates } from './lost-updates';
import { detectOversubscribed } from './oversubscribed';
import { detectSerialised } from './serialised';
import { buildView, type TraceView } from './trace-view';

export { buildView, type TraceView } from './trace-view';
export {
  detectBusyWait,
  detectDeadlocks,
  detectGonePeers,
  detectIdleWorkers,
  detectItemsLeftBehind,
  detectLostUpdates,
  detectOversubscribed,
  detectSerialised,
};

/** A detector: the insights of one kind (or one family) found in a trace. */
export type Detector = (view: TraceView) => Insight[];

/** Every detector, in the order their insights are listed within one severity. */
export const DETECTORS: readonly Detector[] = [
  detectDeadlocks,
  detectGonePeers,
  detectLostUpdates,
  detectItemsLeftBehind,
  detectBusyWait,
  detectSerialised,
  detectIdleWorkers,
  detectOversubscribed,
];

const RANK: Record<InsightSeverity, number> = { problem: 0, warning: 1, info: 2 };

/**
 * Insights of a run: `events` as recorded (any order), `context.cores` the machine's logical
 * CPUs (a positive integer), `context.expected`/`result` the run's expected and actual result
 * where known. Problems come first, then warnings, then infos; each group in detector order.
 * Throws TypeError/RangeError naming `events` or `context.cores` when they are not usable.
 */
export function computeInsights(events: readonly TraceEvent[], context: InsightContext): Insight[] {
  if (!Array.isArray(events))
    throw invalidArgument('events', 'must be an array of trace events', events, 'type');
  const cores: unknown = context?.cores;
  if (typeof cores !== 'number' || !Number.isInteger(cores) || cores < 1) {
    throw invalidArgument(
      'context.cores',
      'must be an integer >= 1',
      cores,
      typeof cores === 'number' ? 'range' : 'type',
    );
  }
  // Only events with a time can be placed; anything else (a foreign file's junk) is skipped.
  const usable = events.every(isPlaceable) ? events : events.filter(isPlaceable);
  const view = buildView(usable, context);
  const insights = DETECTORS.flatMap((detect) => detect(view));
  // Evidence indexes point into `events`, not into the filtered copy.
  if (usable !== events) remapIndexes(insights, usable, events);
  // Array.prototype.sort is stable: detector order holds within a severity.
  return insights.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

function isPlaceable(e: unknown): e is TraceEvent {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { ts?: unknown }).ts === 'number' &&
    Number.isFinite((e as { ts: number }).ts) &&
    typeof (e as { type?: unknown }).type === 'string'
  );
}

function remapIndexes(
  insights: Insight[],
  usable: readonly TraceEvent[],
  events: readonly TraceEvent[],
): void {
  const original = new Map<TraceEvent, number>();
  events.forEach((e, i) => original.set(e, i));
  for (const insight of insights) {
    const { evidence } = insight;
    if (evidence.events) evidence.events = evidence.events.map((i) => original.get(usable[i]!)!);
  }
}
