/**
 * Counting trace events without depending on every event type: a task is complete in the
 * trace once it has a `task-end`, or is one of the `count` tasks of a `task-batch` (the
 * runtime may fold many short tasks into one such event).
 *
 * {@link TraceCount.addChunk} counts a trace chunk as the app's session process does: by its
 * records' codes, without decoding it (only events kept as objects are looked at), and keeps
 * nothing (the session process forwards each chunk and lets it go).
 */
import {
  CHUNK_CODE,
  TRACE_CHUNK_STRIDE,
  chunkEventCount,
  type TraceChunk,
} from '../../src/shared/trace-chunk';

/** The event type each packed record code stands for (trace-chunk.ts). */
const TYPE_OF_CODE: Record<number, string> = {
  [CHUNK_CODE.lockRequest]: 'lock-request',
  [CHUNK_CODE.lockAcquire]: 'lock-acquire',
  [CHUNK_CODE.lockRelease]: 'lock-release',
  [CHUNK_CODE.valueRead]: 'value-read',
  [CHUNK_CODE.valueWrite]: 'value-write',
  [CHUNK_CODE.taskSubmit]: 'task-submit',
  [CHUNK_CODE.taskStart]: 'task-start',
  [CHUNK_CODE.taskEnd]: 'task-end',
  [CHUNK_CODE.taskSubmitNumber]: 'task-submit',
};

/** Record codes counted by number (object events are counted by type). */
const CODES = 16;

/** Running totals over trace batches. */
export class TraceCount {
  /** Every event received. */
  events = 0;
  /** Tasks whose end the trace records. */
  tasksEnded = 0;
  /** Packed records per code (index = code; 0, objects, counted in `objectTypes`). */
  private readonly codes = new Array<number>(CODES).fill(0);
  private readonly objectTypes: Record<string, number> = {};

  /** Events per `type`. */
  get byType(): Record<string, number> {
    const byType = { ...this.objectTypes };
    this.codes.forEach((count, code) => {
      if (count === 0 || code === CHUNK_CODE.object) return;
      const key = TYPE_OF_CODE[code] ?? `code-${code}`;
      byType[key] = (byType[key] ?? 0) + count;
    });
    return byType;
  }

  /** Adds one batch of decoded events. */
  add(batch: readonly unknown[]): void {
    this.events += batch.length;
    for (const event of batch) this.addObject(event);
  }

  /** Adds one chunk, undecoded: packed records by their code, object events as objects. */
  addChunk(chunk: TraceChunk): void {
    this.events += chunkEventCount(chunk);
    const { records, objects } = chunk;
    const codes = this.codes;
    let ended = 0;
    for (let at = 0; at < records.length; at += TRACE_CHUNK_STRIDE) {
      const code = records[at]!;
      if (code === CHUNK_CODE.taskEnd) ended++;
      else if (code === CHUNK_CODE.taskRun) {
        // A task's start and end in one record.
        ended++;
        codes[CHUNK_CODE.taskStart]!++;
        codes[CHUNK_CODE.taskEnd]!++;
        continue;
      } else if (code === CHUNK_CODE.object) this.addObject(objects[records[at + 2]!]);
      if (code >= 0 && code < CODES) codes[code]!++;
    }
    this.tasksEnded += ended;
  }

  private addObject(event: unknown): void {
    const { type, count } = event as { type?: unknown; count?: unknown };
    const key = String(type);
    this.objectTypes[key] = (this.objectTypes[key] ?? 0) + 1;
    if (type === 'task-end') this.tasksEnded += 1;
    else if (type === 'task-batch' && typeof count === 'number') this.tasksEnded += count;
  }
}
