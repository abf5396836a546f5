/**
 * Builds trace chunks (trace-chunk.ts describes the layout). Producers write here once; nothing
 * on the way decodes what they wrote.
 */
import {
  CHUNK_CODE,
  RUN_FAILED,
  RUN_OK,
  TRACE_CHUNK_STRIDE,
  taskId,
  type ChunkPrimitive,
  type PrimitiveCode,
  type PrimitiveRef,
  type TraceChunk,
} from './trace-chunk-format';
import type { TraceEvent } from './trace-schema';

const S = TRACE_CHUNK_STRIDE;

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
  private records = new Float64Array(S * 64);
  private used = 0;
  /** Events held (a `taskRun` record holds two). */
  private events = 0;
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
    return this.events;
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

  /** Adds a lock or value event (see the layout for `a` and `b`). */
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

  /**
   * Adds the `task-submit` of a task whose only argument is the number `arg`: its summary,
   * `String(arg)`, is made by the decoder, so the producer makes no string per task.
   */
  addTaskSubmitNumber(ts: number, callId: number, index: number, name: string, arg: number): void {
    const at = this.room();
    const r = this.records;
    r[at] = CHUNK_CODE.taskSubmitNumber;
    r[at + 1] = ts;
    r[at + 2] = callId;
    r[at + 3] = index;
    r[at + 4] = this.string(name);
    r[at + 5] = arg;
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

  /**
   * Adds the `task-end` of task `index` of call `callId` (`error` only when it failed). When
   * the last record is that very task's start, nothing came between them, so it becomes one
   * `taskRun` record, which decodes to the same two events, consecutive.
   */
  addTaskEnd(
    ts: number,
    callId: number,
    index: number,
    workerId: number,
    pid: number,
    ok: boolean,
    error?: string,
  ): void {
    const r = this.records;
    const last = this.used - S;
    if (
      last >= 0 &&
      r[last] === CHUNK_CODE.taskStart &&
      r[last + 2] === callId &&
      r[last + 3] === index &&
      Object.is(r[last + 4], workerId) &&
      Object.is(r[last + 5], pid) &&
      !(ok && error !== undefined)
    ) {
      r[last] = CHUNK_CODE.taskRun;
      r[last + 6] = ts;
      r[last + 7] = ok ? RUN_OK : error === undefined ? RUN_FAILED : this.string(error);
      this.events++;
      return;
    }
    const at = this.room();
    const w = this.records;
    w[at] = CHUNK_CODE.taskEnd;
    w[at + 1] = ts;
    w[at + 2] = callId;
    w[at + 3] = index;
    w[at + 4] = workerId;
    w[at + 5] = pid;
    w[at + 6] = ok ? 1 : 0;
    w[at + 7] = error === undefined ? -1 : this.string(error);
  }

  /** Adds an event that stays an object, in its place. */
  addObject(event: TraceEvent): void {
    const at = this.room();
    const r = this.records;
    r[at] = CHUNK_CODE.object;
    r[at + 1] = event.ts;
    r[at + 2] = this.objects.length;
    r.fill(0, at + 3, at + S);
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
    this.events = 0;
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
    if (at + S > this.records.length) {
      const grown = new Float64Array(this.records.length * 2);
      grown.set(this.records);
      this.records = grown;
    }
    this.used = at + S;
    this.events++;
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
