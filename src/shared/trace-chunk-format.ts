/**
 * The record layout of trace chunks: codes, stride and types, shared by the writer
 * (trace-chunk-writer.ts) and the decoder (trace-chunk.ts, whose module docs describe each code).
 */
import type { LockAcquireEvent, PrimitiveKind, TraceEvent } from './trace-schema';

/** Bumped on any incompatible change to the record layouts (trace-chunk.ts). */
export const TRACE_CHUNK_VERSION = 1;

/** Numbers per record in {@link TraceChunk.records}. */
export const TRACE_CHUNK_STRIDE = 8;

/** Record codes (the first number of a record). */
export const CHUNK_CODE = {
  object: 0,
  lockRequest: 1,
  lockAcquire: 2,
  lockRelease: 3,
  valueRead: 4,
  valueWrite: 5,
  taskSubmit: 6,
  taskStart: 7,
  taskEnd: 8,
  taskRun: 9,
  taskSubmitNumber: 10,
  queuePut: 11,
  queueGet: 12,
  pipeSend: 13,
  pipeRecv: 14,
} as const;

/** `taskRun` f5: the task succeeded, no error (≥ 0: failed, error at that index in `strings`). */
export const RUN_OK = -1;
/** `taskRun` f5: the task failed without an error string. */
export const RUN_FAILED = -2;

/** Codes of the records of shared-memory primitives (lock and value events). */
export type PrimitiveCode = 1 | 2 | 3 | 4 | 5;

/** Codes of the records of channel events (queue and pipe events). */
export type ChannelCode = 11 | 12 | 13 | 14;

// Bits of a channel record's f3: what the event says and what its f5 holds. At most one of
// CHANNEL_ITEM, CHANNEL_ITEM_NUMBER and CHANNEL_ERROR is set (none: the event has neither).
/** `ok` is true (`pipe-send`, which has no `ok`, never sets it). */
export const CHANNEL_OK = 1;
/** f5 is the index in `strings` of the `item` summary. */
export const CHANNEL_ITEM = 2;
/** f5 is the item itself, a number: its summary is `String(f5)`. */
export const CHANNEL_ITEM_NUMBER = 4;
/** f5 is the index in `strings` of the `error`. */
export const CHANNEL_ERROR = 8;

/** A primitive as records name it: `[objectId, kind, name]`. */
export type ChunkPrimitive = [objectId: string, kind: PrimitiveKind, name: string];

/** A batch of trace events, packed (see trace-chunk.ts for the layout). */
export interface TraceChunk {
  /** {@link TRACE_CHUNK_STRIDE} numbers per record, in the order the events were recorded. */
  records: Float64Array;
  /** Strings the task records name by index. */
  strings: string[];
  /** Primitives the lock, value, queue and pipe records name by index. */
  infos: ChunkPrimitive[];
  /** Events kept as objects (code `object`), in their place in `records`. */
  objects: TraceEvent[];
}

/** What a writer needs to know of a primitive (the runtime's `PrimitiveInfo` is one). */
export interface PrimitiveRef {
  readonly objectId: string;
  readonly kind: PrimitiveKind;
  readonly name: string;
}

/** Lock-acquire outcomes by number. */
export const OUTCOMES: readonly LockAcquireEvent['outcome'][] = [
  'acquired',
  'abandoned',
  'timeout',
  'cancelled',
];

/** The number of a lock-acquire outcome, for a lock-acquire record's `a`. */
export function outcomeCode(outcome: LockAcquireEvent['outcome']): number {
  return OUTCOMES.indexOf(outcome);
}

/** The task id of task `index` of call `callId`. */
export function taskId(callId: number, index: number): string {
  return `${callId}:${index}`;
}
