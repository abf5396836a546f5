/**
 * Builds trace chunks (trace-chunk.ts describes the layout). Producers write here once; nothing
 * on the way decodes what they wrote.
 */
import {
  CHANNEL_ERROR,
  CHANNEL_ITEM,
  CHANNEL_ITEM_NUMBER,
  CHANNEL_OK,
  CHUNK_CODE,
  RUN_FAILED,
  RUN_OK,
  TRACE_CHUNK_STRIDE,
  type ChannelCode,
  type ChunkPrimitive,
  type PrimitiveCode,
  type PrimitiveRef,
  type TraceChunk,
} from './trace-chunk-format';
import { packEvent } from './trace-chunk-pack';
import type { TraceEvent } from './trace-schema';

const S = TRACE_CHUNK_STRIDE;

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
  // Primitives by their fields: events that name one each with their own object share it.
  private readonly infoByFields = new Map<string, number>();
  private objects: TraceEvent[] = [];
  // The primitive of the previous record: a loop on one lock looks it up once.
  private lastInfo: PrimitiveRef | null = null;
  private lastInfoAt = 0;
  // The previous argument or item summary and its index (-1: none in this chunk).
  private lastSummary = '';
  private lastSummaryAt = -1;
  private lastString = '';
  private lastStringAt = -1;

  /** Events held. */
  get size(): number {
    return this.events;
  }

  /** Adds an event in its packed form when it has one, else as an object. */
  add(event: TraceEvent): void {
    if (!packEvent(this, event)) this.addObject(event);
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
    this.record(code, ts, this.info(info), pid, tid, a, b, 0);
  }

  /**
   * Adds a queue or pipe event (see the layout): `x` is a queue's depth or a pipe's end, `ok` is
   * ignored by `pipeSend` (which has none); at most one of `item` and `error` is given. A
   * number `item` is its own summary (`String(item)`), kept as the number: no string per item.
   */
  addChannel(
    code: ChannelCode,
    ts: number,
    info: PrimitiveRef,
    pid: number,
    tid: number,
    ok: boolean,
    x: number,
    item: string | number | undefined,
    error?: string,
  ): void {
    let flags = ok && code !== CHUNK_CODE.pipeSend ? CHANNEL_OK : 0;
    let f5 = 0;
    if (typeof item === 'number') {
      flags |= CHANNEL_ITEM_NUMBER;
      f5 = item;
    } else if (item !== undefined) {
      flags |= CHANNEL_ITEM;
      f5 = this.summaryString(item);
    } else if (error !== undefined) {
      flags |= CHANNEL_ERROR;
      f5 = this.string(error);
    }
    this.record(code, ts, this.info(info), pid, tid, flags, x, f5);
  }

  /** Adds the `task-submit` of task `index` of call `callId`. */
  addTaskSubmit(ts: number, callId: number, index: number, name: string, args: string): void {
    this.record(CHUNK_CODE.taskSubmit, ts, callId, index, this.string(name), this.summaryString(args), 0, 0);
  }

  /**
   * Adds the `task-submit` of a task whose only argument is the number `arg`: its summary,
   * `String(arg)`, is made by the decoder, so the producer makes no string per task.
   */
  addTaskSubmitNumber(ts: number, callId: number, index: number, name: string, arg: number): void {
    this.record(CHUNK_CODE.taskSubmitNumber, ts, callId, index, this.string(name), arg, 0, 0);
  }

  /** Adds the `task-start` of task `index` of call `callId`. */
  addTaskStart(ts: number, callId: number, index: number, workerId: number, pid: number): void {
    this.record(CHUNK_CODE.taskStart, ts, callId, index, workerId, pid, 0, 0);
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
    const failure = error === undefined ? -1 : this.string(error);
    this.record(CHUNK_CODE.taskEnd, ts, callId, index, workerId, pid, ok ? 1 : 0, failure);
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
    this.infoByFields.clear();
    this.lastSummaryAt = -1;
    this.lastStringAt = -1;
    return chunk;
  }

  /** Appends one record: its code, its time and its six fields (see the layouts). */
  private record(
    code: number,
    ts: number,
    f0: number,
    f1: number,
    f2: number,
    f3: number,
    f4: number,
    f5: number,
  ): void {
    const at = this.room();
    const r = this.records;
    r[at] = code;
    r[at + 1] = ts;
    r[at + 2] = f0;
    r[at + 3] = f1;
    r[at + 4] = f2;
    r[at + 5] = f3;
    r[at + 6] = f4;
    r[at + 7] = f5;
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
   * Argument and item summaries are mostly distinct (`inc(0)`, `inc(1)`…): interning each would
   * cost a map entry per event for nothing, so only a repeat of the previous one is shared.
   */
  private summaryString(value: string): number {
    if (value === this.lastSummary && this.lastSummaryAt >= 0) return this.lastSummaryAt;
    const index = this.strings.length;
    this.strings.push(value);
    this.lastSummary = value;
    this.lastSummaryAt = index;
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
      const fields = JSON.stringify([info.objectId, info.kind, info.name]);
      index = this.infoByFields.get(fields);
      if (index === undefined) {
        index = this.infos.length;
        this.infos.push([info.objectId, info.kind, info.name]);
        this.infoByFields.set(fields, index);
      }
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
