/**
 * Trace chunks: the packed encoding of trace schema v1 ({@link TraceEvent}) in which batches of
 * events travel between processes.
 *
 * Why: as objects, every hop from a worker to the pixel (worker → pool → session process → host
 * → renderer) walked, copied and rebuilt each event, and that cost more than the tasks traced.
 * A chunk is a few flat arrays: a `Float64Array` of fixed-size records, plus the strings and
 * primitives they name by index. The producer writes it once; every hop in between forwards it
 * as it is (structured clone or V8 serialisation of a typed array is one copy); only the final
 * consumer calls {@link decodeChunk}, which gives back exactly the events that were written.
 *
 * Record layout ({@link TRACE_CHUNK_STRIDE} numbers): `code, ts, f0 … f5`. Per code:
 * - `object` (0): f0 = index in `objects` (any event without a packed form, kept in its place);
 * - `lockRequest` … `valueWrite` (1–5): f0 = index in `infos`, f1 = pid, f2 = tid, f3 = a,
 *   f4 = b, where a/b are: lock-acquire outcome ({@link outcomeCode}) / waited (0, 1);
 *   lock-release forced (0, 1) / 0; value-read/write the value / the index (NaN: none);
 * - `taskSubmit` (6): f0 = call id, f1 = task index (taskId `"<f0>:<f1>"`), f2 = name, f3 = args
 *   (both indices in `strings`);
 * - `taskStart` (7): f0 = call id, f1 = task index, f2 = workerId, f3 = pid;
 * - `taskEnd` (8): as taskStart, f4 = ok (0, 1), f5 = error (index in `strings`; -1: none).
 *
 * Compatibility follows the schema's rules: a new code is a minor change (a reader that meets
 * a code it does not know skips the record); changing a layout bumps {@link TRACE_CHUNK_VERSION}.
 * Pure code without platform imports: the workers, the main process and the renderer all use it.
 */
import type { LockAcquireEvent, PrimitiveKind, TraceEvent } from './trace-schema';

/** Bumped on any incompatible change to the record layouts above. */
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
} as const;

/** Codes of the records of shared-memory primitives (lock and value events). */
export type PrimitiveCode = 1 | 2 | 3 | 4 | 5;

/** A primitive as records name it: `[objectId, kind, name]`. */
export type ChunkPrimitive = [objectId: string, kind: PrimitiveKind, name: string];

/** A batch of trace events, packed (see the module docs for the layout). */
export interface TraceChunk {
  /** {@link TRACE_CHUNK_STRIDE} numbers per event, in the order the events were recorded. */
  records: Float64Array;
  /** Strings the task records name by index. */
  strings: string[];
  /** Primitives the lock/value records name by index. */
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

const OUTCOMES: readonly LockAcquireEvent['outcome'][] = ['acquired', 'abandoned', 'timeout', 'cancelled'];

/** The number of a lock-acquire outcome, for a lock-acquire record's `a`. */
export function outcomeCode(outcome: LockAcquireEvent['outcome']): number {
  return OUTCOMES.indexOf(outcome);
}

/** Number of events in a chunk. */
export function chunkEventCount(chunk: TraceChunk): number {
  return chunk.records.length / TRACE_CHUNK_STRIDE;
}

/**
 * The event a primitive record stands for (see the module docs for `a` and `b`). Also how a
 * context that keeps events as objects builds them, so both ways give the same object.
 */
export function primitiveEvent(
  code: PrimitiveCode,
  ts: number,
  info: PrimitiveRef,
  pid: number,
  tid: number,
  a: number,
  b: number,
): TraceEvent {
  const { objectId, kind, name } = info;
  switch (code) {
    case CHUNK_CODE.lockRequest:
      return { type: 'lock-request', ts, objectId, kind, name, pid, tid };
    case CHUNK_CODE.lockAcquire:
      return {
        type: 'lock-acquire',
        ts,
        objectId,
        kind,
        name,
        pid,
        tid,
        outcome: OUTCOMES[a]!,
        waited: b === 1,
      };
    case CHUNK_CODE.lockRelease:
      return a === 1
        ? { type: 'lock-release', ts, objectId, kind, name, pid, tid, forced: true }
        : { type: 'lock-release', ts, objectId, kind, name, pid, tid };
    case CHUNK_CODE.valueRead:
    case CHUNK_CODE.valueWrite: {
      const type = code === CHUNK_CODE.valueRead ? 'value-read' : 'value-write';
      return Number.isNaN(b)
        ? { type, ts, objectId, kind, name, pid, tid, value: a }
        : { type, ts, objectId, kind, name, pid, tid, value: a, index: b };
    }
  }
}

function taskId(callId: number, index: number): string {
  return `${callId}:${index}`;
}

/**
 * The events of a chunk, as they were written. Records with a code this reader does not know
 * (written by a newer runtime) are skipped, as the schema's rules ask.
 */
export function decodeChunk(chunk: TraceChunk): TraceEvent[] {
  const { records, strings, infos, objects } = chunk;
  const events: TraceEvent[] = [];
  const refs: PrimitiveRef[] = infos.map(([objectId, kind, name]) => ({ objectId, kind, name }));
  const S = TRACE_CHUNK_STRIDE;
  for (let at = 0; at + S <= records.length; at += S) {
    const code = records[at]!;
    const ts = records[at + 1]!;
    const f0 = records[at + 2]!;
    const f1 = records[at + 3]!;
    switch (code) {
      case CHUNK_CODE.object:
        events.push(objects[f0]!);
        break;
      case CHUNK_CODE.lockRequest:
      case CHUNK_CODE.lockAcquire:
      case CHUNK_CODE.lockRelease:
      case CHUNK_CODE.valueRead:
      case CHUNK_CODE.valueWrite:
        events.push(
          primitiveEvent(code, ts, refs[f0]!, f1, records[at + 4]!, records[at + 5]!, records[at + 6]!),
        );
        break;
      case CHUNK_CODE.taskSubmit:
        events.push({
          type: 'task-submit',
          ts,
          taskId: taskId(f0, f1),
          name: strings[records[at + 4]!]!,
          args: strings[records[at + 5]!]!,
        });
        break;
      case CHUNK_CODE.taskStart:
        events.push({
          type: 'task-start',
          ts,
          taskId: taskId(f0, f1),
          workerId: records[at + 4]!,
          pid: records[at + 5]!,
        });
        break;
      case CHUNK_CODE.taskEnd: {
        const error = records[at + 7]!;
        const base = { taskId: taskId(f0, f1), workerId: records[at + 4]!, pid: records[at + 5]! };
        events.push(
          error < 0
            ? { type: 'task-end', ts, ...base, ok: records[at + 6] === 1 }
            : { type: 'task-end', ts, ...base, ok: records[at + 6] === 1, error: strings[error]! },
        );
        break;
      }
      default:
        break;
    }
  }
  return events;
}

/** `"<int>:<int>"` task ids (every id the runtime makes) as two numbers; null otherwise. */
function splitTaskId(id: string): [number, number] | null {
  const colon = id.indexOf(':');
  if (colon <= 0) return null;
  const call = Number(id.slice(0, colon));
  const index = Number(id.slice(colon + 1));
  if (!Number.isSafeInteger(call) || !Number.isSafeInteger(index) || call < 0 || index < 0) return null;
  // Only ids that print back the same way (no "01:2", "1e3:0", " 1:0").
  return taskId(call, index) === id ? [call, index] : null;
}

/** Builds chunks: events in, {@link TraceChunk} out ({@link ChunkWriter.take}). */
export class ChunkWriter {
  private records = new Float64Array(TRACE_CHUNK_STRIDE * 64);
  private used = 0;
  private strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  private infos: ChunkPrimitive[] = [];
  private readonly infoIndex = new Map<PrimitiveRef, number>();
  private objects: TraceEvent[] = [];
  // The primitive of the previous record: a loop on one lock looks it up once.
  private lastInfo: PrimitiveRef | null = null;
  private lastInfoAt = 0;
  // The previous argument summary and its index (-1: none in this chunk).
  private lastArgs = '';
  private lastArgsAt = -1;
  private lastString = '';
  private lastStringAt = -1;

  /** Events held. */
  get size(): number {
    return this.used / TRACE_CHUNK_STRIDE;
  }

  /** Adds an event in its packed form when it has one, else as an object. */
  add(event: TraceEvent): void {
    switch (event.type) {
      case 'task-submit':
      case 'task-start':
      case 'task-end': {
        const ids = splitTaskId(event.taskId);
        if (ids === null) break;
        if (event.type === 'task-submit') {
          if (Object.keys(event).length !== 5) break;
          this.addTaskSubmit(event.ts, ids[0], ids[1], event.name, event.args);
        } else if (event.type === 'task-start') {
          if (Object.keys(event).length !== 5) break;
          this.addTaskStart(event.ts, ids[0], ids[1], event.workerId, event.pid);
        } else {
          if (Object.keys(event).length !== ('error' in event ? 7 : 6)) break;
          this.addTaskEnd(event.ts, ids[0], ids[1], event.workerId, event.pid, event.ok, event.error);
        }
        return;
      }
      default:
        break;
    }
    this.addObject(event);
  }

  /** Adds a lock or value event (see the module docs for `a` and `b`). */
  addPrimitive(
    code: PrimitiveCode,
    ts: number,
    info: PrimitiveRef,
    pid: number,
    tid: number,
    a: number,
    b: number,
  ): void {
    const at = this.room();
    const r = this.records;
    r[at] = code;
    r[at + 1] = ts;
    r[at + 2] = this.info(info);
    r[at + 3] = pid;
    r[at + 4] = tid;
    r[at + 5] = a;
    r[at + 6] = b;
    r[at + 7] = 0;
  }

  /** Adds the `task-submit` of task `index` of call `callId`. */
  addTaskSubmit(ts: number, callId: number, index: number, name: string, args: string): void {
    const at = this.room();
    const r = this.records;
    r[at] = CHUNK_CODE.taskSubmit;
    r[at + 1] = ts;
    r[at + 2] = callId;
    r[at + 3] = index;
    r[at + 4] = this.string(name);
    r[at + 5] = this.argsString(args);
    r[at + 6] = 0;
    r[at + 7] = 0;
  }

  /** Adds the `task-start` of task `index` of call `callId`. */
  addTaskStart(ts: number, callId: number, index: number, workerId: number, pid: number): void {
    const at = this.room();
    const r = this.records;
    r[at] = CHUNK_CODE.taskStart;
    r[at + 1] = ts;
    r[at + 2] = callId;
    r[at + 3] = index;
    r[at + 4] = workerId;
    r[at + 5] = pid;
    r[at + 6] = 0;
    r[at + 7] = 0;
  }

  /** Adds the `task-end` of task `index` of call `callId` (`error` only when it failed). */
  addTaskEnd(
    ts: number,
    callId: number,
    index: number,
    workerId: number,
    pid: number,
    ok: boolean,
    error?: string,
  ): void {
    const at = this.room();
    const r = this.records;
    r[at] = CHUNK_CODE.taskEnd;
    r[at + 1] = ts;
    r[at + 2] = callId;
    r[at + 3] = index;
    r[at + 4] = workerId;
    r[at + 5] = pid;
    r[at + 6] = ok ? 1 : 0;
    r[at + 7] = error === undefined ? -1 : this.string(error);
  }

  /** Adds an event that stays an object, in its place. */
  addObject(event: TraceEvent): void {
    const at = this.room();
    const r = this.records;
    r[at] = CHUNK_CODE.object;
    r[at + 1] = event.ts;
    r[at + 2] = this.objects.length;
    r.fill(0, at + 3, at + TRACE_CHUNK_STRIDE);
    this.objects.push(event);
  }

  /** Everything held, as one chunk; the writer starts empty again. */
  take(): TraceChunk {
    const chunk: TraceChunk = {
      records: this.records.slice(0, this.used),
      strings: this.strings,
      infos: this.infos,
      objects: this.objects,
    };
    this.used = 0;
    this.strings = [];
    this.stringIndex.clear();
    this.infos = [];
    this.infoIndex.clear();
    this.objects = [];
    this.lastInfo = null;
    this.lastArgsAt = -1;
    this.lastStringAt = -1;
    return chunk;
  }

  /** Index of the next record, after growing the buffer if needed (every add sets all its fields). */
  private room(): number {
    const at = this.used;
    if (at + TRACE_CHUNK_STRIDE > this.records.length) {
      const grown = new Float64Array(this.records.length * 2);
      grown.set(this.records);
      this.records = grown;
    }
    this.used = at + TRACE_CHUNK_STRIDE;
    return at;
  }

  /**
   * Argument summaries are mostly distinct (`inc(0)`, `inc(1)`…): interning each would cost a
   * map entry per task for nothing, so only a repeat of the previous one is shared.
   */
  private argsString(value: string): number {
    if (value === this.lastArgs && this.lastArgsAt >= 0) return this.lastArgsAt;
    const index = this.strings.length;
    this.strings.push(value);
    this.lastArgs = value;
    this.lastArgsAt = index;
    return index;
  }

  private string(value: string): number {
    // Task names repeat record after record: the last one is checked before the map.
    if (value === this.lastString && this.lastStringAt >= 0) return this.lastStringAt;
    let index = this.stringIndex.get(value);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(value);
      this.stringIndex.set(value, index);
    }
    this.lastString = value;
    this.lastStringAt = index;
    return index;
  }

  private info(info: PrimitiveRef): number {
    if (info === this.lastInfo) return this.lastInfoAt;
    let index = this.infoIndex.get(info);
    if (index === undefined) {
      index = this.infos.length;
      this.infos.push([info.objectId, info.kind, info.name]);
      this.infoIndex.set(info, index);
    }
    this.lastInfo = info;
    this.lastInfoAt = index;
    return index;
  }
}

/** The events as one chunk (packed where they have a packed form). */
export function encodeEvents(events: readonly TraceEvent[]): TraceChunk {
  const writer = new ChunkWriter();
  for (const event of events) writer.add(event);
  return writer.take();
}
