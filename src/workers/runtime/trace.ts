/**
 * Trace plumbing shared by the pool and its workers: the one clock, the process-wide sink and
 * the batching parameters. Events are plain objects; nothing here runs when tracing is off.
 */
import type { TraceEvent } from '../../shared/trace-schema';
import { invalidArgument } from './errors';

/** Receives trace events in batches (many events per call). Must not throw. */
export type TraceSink = (events: TraceEvent[]) => void;

/** Workers flush buffered events at least this often while busy. */
export const TRACE_FLUSH_INTERVAL_MS = 25;
/** Workers flush as soon as this many events are buffered. */
export const TRACE_FLUSH_MAX_EVENTS = 256;
/**
 * Calls of at most this many tasks are traced task by task, with every `task-submit` recorded
 * by the pool at once (see `TaskBatchEvent` in the trace schema for larger calls; its docs
 * quote this value and the next one).
 */
export const TRACE_DETAILED_TASKS = 4096;
/**
 * In larger calls, tasks that succeed in less than this (µs) may be folded into a `task-batch`.
 * Recording a task on its own costs about 1 µs end to end, so a task recorded on its own costs
 * its call at most about 1 %.
 */
export const TRACE_BATCH_BELOW_US = 100;

let globalSink: TraceSink | null = null;

/**
 * Sets (or with `null` clears) the process-wide trace sink. Pools created afterwards trace by
 * default and send their events here unless given their own `onTrace`. A session process sets
 * this once, before the workload creates its pools.
 */
export function setTraceSink(sink: TraceSink | null): void {
  if (sink !== null && typeof sink !== 'function') {
    throw invalidArgument('sink', 'must be a function or null', sink, 'type');
  }
  globalSink = sink;
}

/** The sink set with {@link setTraceSink}, or null. */
export function getTraceSink(): TraceSink | null {
  return globalSink;
}

/**
 * Monotonic time in microseconds. `hrtime` reads the machine's monotonic clock, which every
 * process shares, so events from the pool and from workers line up without translation.
 */
export function nowUs(): number {
  // The same clock and value as Number(process.hrtime.bigint() / 1000n), at about half the
  // cost (no BigInt): primitives read it once per traced operation.
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1e6 + Math.floor(nanoseconds / 1000);
}

const MAX_SUMMARY = 48;

function summarizeValue(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > MAX_SUMMARY ? `${value.slice(0, MAX_SUMMARY)}…` : value);
    case 'bigint':
      return `${value}n`;
    case 'object':
      if (Array.isArray(value)) return `Array(${value.length})`;
      if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.byteLength} bytes)`;
      return value.constructor && value.constructor !== Object ? `${value.constructor.name} {…}` : '{…}';
    default:
      return String(value);
  }
}

/** Short human-readable summary of a task's arguments for `task-submit` (never the payload). */
export function summarizeArgs(args: readonly unknown[]): string {
  const text = args.map(summarizeValue).join(', ');
  return text.length > MAX_SUMMARY * 2 ? `${text.slice(0, MAX_SUMMARY * 2)}…` : text;
}
