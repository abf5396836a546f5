/**
 * Trace plumbing shared by the pool and its workers: the one clock, the process-wide sink and
 * the batching parameters. Inside the runtime, events travel as trace chunks (the packed
 * encoding of the schema, src/shared/trace-chunk.ts): producers write them, every hop forwards
 * them undecoded, and only a consumer that asks for events (`setTraceSink(sink)`, a pool's
 * `onTrace`) pays for decoding. Nothing here runs when tracing is off.
 */
import { decodeChunk, encodeEvents, type ChunkWriter, type TraceChunk } from '../../shared/trace-chunk';
import type { TraceEvent } from '../../shared/trace-schema';
import { invalidArgument, invalidOption } from './errors';

/** Receives trace events in batches (many events per call). Must not throw. */
export type TraceSink = (events: TraceEvent[]) => void;

/**
 * Receives trace batches packed, as they travel (many events per call; `decodeChunk` gives the
 * events, `chunkEventCount` their number). Must not throw. The chunk is the sink's to keep.
 */
export type TraceChunkSink = (chunk: TraceChunk) => void;

/** How a sink wants its batches: decoded events (the default) or chunks as they travel. */
export type TraceSinkFormat = 'events' | 'chunks';

/** Options of {@link setTraceSink} and {@link getTraceSink}. */
export interface TraceSinkOptions<F extends TraceSinkFormat = TraceSinkFormat> {
  /** `'events'` (default): `TraceEvent[]` per batch; `'chunks'`: one `TraceChunk` per batch. */
  format?: F;
}

/** Workers flush buffered events at least this often while busy. */
export const TRACE_FLUSH_INTERVAL_MS = 25;
/**
 * Workers flush as soon as this many events are buffered. Packed, 4 096 events are one 256 KiB
 * block to copy; a smaller limit only multiplied the messages of a busy worker (a flush every
 * 128 tiny tasks), each costing a write, a read and a wake-up. The interval bounds the latency.
 */
export const TRACE_FLUSH_MAX_EVENTS = 4096;
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

/** The process-wide sink as the runtime calls it (chunks), and as it was given. */
let chunkSink: TraceChunkSink | null = null;
let given: { sink: TraceSink | TraceChunkSink; format: TraceSinkFormat } | null = null;

/** An events sink as a chunk sink: decodes each chunk for it. */
export function decodingSink(sink: TraceSink): TraceChunkSink {
  return (chunk) => {
    const events = decodeChunk(chunk);
    if (events.length > 0) sink(events);
  };
}

function resolveFormat(options: unknown, name: 'setTraceSink' | 'getTraceSink'): TraceSinkFormat {
  if (options === undefined) return 'events';
  if (typeof options !== 'object' || options === null) {
    throw invalidArgument('options', `of ${name} must be an object`, options, 'type');
  }
  const format = (options as { format?: unknown }).format;
  if (format === undefined || format === 'events' || format === 'chunks') return format ?? 'events';
  throw invalidOption('format', "must be 'events' or 'chunks'", format, 'type');
}

/**
 * Sets (or with `null` clears) the process-wide trace sink. Pools created afterwards trace by
 * default and send their events here unless given their own `onTrace`/`onTraceChunk`. A
 * session process sets this once, before the workload creates its pools.
 *
 * With `{ format: 'chunks' }` the sink receives each batch as the runtime carries it, a
 * `TraceChunk`, without decoding: the cheap way to forward or count (`chunkEventCount`).
 * Throws TypeError naming `sink`, `options` or `format` when one is not what it should be.
 */
export function setTraceSink(sink: TraceSink | null, options?: TraceSinkOptions<'events'>): void;
export function setTraceSink(sink: TraceChunkSink | null, options: TraceSinkOptions<'chunks'>): void;
export function setTraceSink(sink: TraceSink | TraceChunkSink | null, options?: TraceSinkOptions): void;
export function setTraceSink(sink: TraceSink | TraceChunkSink | null, options?: TraceSinkOptions): void {
  const format = resolveFormat(options, 'setTraceSink');
  if (sink !== null && typeof sink !== 'function') {
    throw invalidArgument('sink', 'must be a function or null', sink, 'type');
  }
  if (sink === null) {
    chunkSink = null;
    given = null;
    return;
  }
  chunkSink = format === 'chunks' ? (sink as TraceChunkSink) : decodingSink(sink as TraceSink);
  given = { sink, format };
}

/**
 * The sink set with {@link setTraceSink}, or null, in the format asked for (default
 * `'events'`): the very function that was set when the formats match, else one that converts
 * (so `setTraceSink(getTraceSink())` restores a sink whatever its format).
 */
export function getTraceSink(options?: TraceSinkOptions<'events'>): TraceSink | null;
export function getTraceSink(options: TraceSinkOptions<'chunks'>): TraceChunkSink | null;
export function getTraceSink(options?: TraceSinkOptions): TraceSink | TraceChunkSink | null;
export function getTraceSink(options?: TraceSinkOptions): TraceSink | TraceChunkSink | null {
  const format = resolveFormat(options, 'getTraceSink');
  if (given === null || chunkSink === null) return null;
  if (format === given.format) return given.sink;
  if (format === 'chunks') return chunkSink;
  const target = chunkSink;
  return (events: TraceEvent[]) => target(encodeEvents(events));
}

/** The process-wide sink as the runtime calls it (chunks), or null: the hot-path check. */
export function processChunkSink(): TraceChunkSink | null {
  return chunkSink;
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
  // One number (every `inc(i)`): the common case, without an array and a join.
  if (args.length === 1 && typeof args[0] === 'number') return String(args[0]);
  const text = args.map(summarizeValue).join(', ');
  return text.length > MAX_SUMMARY * 2 ? `${text.slice(0, MAX_SUMMARY * 2)}…` : text;
}

/**
 * Writes the `task-submit` of task `index` of call `callId`, whose input is `input` (an argument
 * list when `spread`). A lone numeric argument (every `inc(i)`) is written as the number: its
 * summary, `String(x)`, is then made only by whoever decodes the chunk, not per task here.
 */
export function writeTaskSubmit(
  writer: ChunkWriter,
  ts: number,
  callId: number,
  index: number,
  name: string,
  input: unknown,
  spread: boolean,
): void {
  if (typeof input === 'number') return writer.addTaskSubmitNumber(ts, callId, index, name, input);
  if (spread && Array.isArray(input)) {
    if (input.length === 1 && typeof input[0] === 'number')
      return writer.addTaskSubmitNumber(ts, callId, index, name, input[0]);
    return writer.addTaskSubmit(ts, callId, index, name, summarizeArgs(input));
  }
  writer.addTaskSubmit(ts, callId, index, name, summarizeArgs([input]));
}
