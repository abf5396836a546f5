/**
 * Reading what a trace chunk says about tasks and event types without decoding it: the session
 * process counts a run's tasks this way while it forwards every chunk, and so do the
 * benchmarks' sinks. One reader of the record codes, so a new code is taught here once.
 */
import { CHUNK_CODE, TRACE_CHUNK_STRIDE, type TraceChunk } from './trace-chunk-format';
import type { TraceEventType } from './trace-schema';

/** The event types each record code stands for (a `taskRun` is a start and its end). */
const TYPES_OF_CODE: Readonly<Record<number, readonly TraceEventType[]>> = {
  [CHUNK_CODE.lockRequest]: ['lock-request'],
  [CHUNK_CODE.lockAcquire]: ['lock-acquire'],
  [CHUNK_CODE.lockRelease]: ['lock-release'],
  [CHUNK_CODE.valueRead]: ['value-read'],
  [CHUNK_CODE.valueWrite]: ['value-write'],
  [CHUNK_CODE.taskSubmit]: ['task-submit'],
  [CHUNK_CODE.taskSubmitNumber]: ['task-submit'],
  [CHUNK_CODE.taskStart]: ['task-start'],
  [CHUNK_CODE.taskEnd]: ['task-end'],
  [CHUNK_CODE.taskRun]: ['task-start', 'task-end'],
  [CHUNK_CODE.queuePut]: ['queue-put'],
  [CHUNK_CODE.queueGet]: ['queue-get'],
  [CHUNK_CODE.pipeSend]: ['pipe-send'],
  [CHUNK_CODE.pipeRecv]: ['pipe-recv'],
};

/** Slots for counting records by code: every code there is, and 0 for unknown ones. */
const CODE_SLOTS = 16;

/** Running task totals over chunks ({@link tallyChunk} adds to them). */
export interface ChunkTally {
  /** Tasks submitted: `task-submit`s, plus the `count` of every `task-batch`. */
  submitted: number;
  /** Tasks whose end the trace records: `task-end`s, plus the `count` of every `task-batch`. */
  ended: number;
  /** Workers that started a task (their `workerId`s). */
  workers: Set<number>;
  /** Events per type (records by their code, objects by their `type`). */
  byType: Partial<Record<string, number>>;
}

/** An empty {@link ChunkTally}. */
export function newChunkTally(): ChunkTally {
  return { submitted: 0, ended: 0, workers: new Set(), byType: {} };
}

/** Adds what `chunk` holds to `tally`, reading records by their code (objects as objects). */
export function tallyChunk(chunk: TraceChunk, tally: ChunkTally): void {
  const { records, objects } = chunk;
  // Records per code, in a small array: this runs once per record on the session's hot path.
  const codes = new Array<number>(CODE_SLOTS).fill(0);
  for (let at = 0; at < records.length; at += TRACE_CHUNK_STRIDE) {
    const code = records[at]!;
    if (code === CHUNK_CODE.object) {
      const event = objects[records[at + 2]!];
      if (event !== undefined) tallyObject(event, tally);
      continue;
    }
    codes[code < CODE_SLOTS && code > 0 ? code : 0]!++;
    if (code === CHUNK_CODE.taskSubmit || code === CHUNK_CODE.taskSubmitNumber) tally.submitted++;
    else if (code === CHUNK_CODE.taskEnd) tally.ended++;
    else if (code === CHUNK_CODE.taskStart || code === CHUNK_CODE.taskRun) {
      tally.workers.add(records[at + 4]!);
      if (code === CHUNK_CODE.taskRun) tally.ended++;
    }
  }
  codes.forEach((count, code) => {
    if (count === 0) return;
    // Slot 0 holds records of codes this reader does not know (a newer runtime's).
    for (const type of TYPES_OF_CODE[code] ?? ['unknown']) {
      tally.byType[type] = (tally.byType[type] ?? 0) + count;
    }
  });
}

/** Adds one event object to `tally` (what {@link tallyChunk} does for a chunk's objects). */
export function tallyObject(
  event: { type: string; count?: unknown; workerId?: unknown },
  tally: ChunkTally,
): void {
  tally.byType[event.type] = (tally.byType[event.type] ?? 0) + 1;
  switch (event.type) {
    case 'task-submit':
      tally.submitted++;
      break;
    case 'task-end':
      tally.ended++;
      break;
    case 'task-start':
      if (typeof event.workerId === 'number') tally.workers.add(event.workerId);
      break;
    case 'task-batch':
      // A batch stands for `count` tasks that were never recorded one by one.
      if (typeof event.count === 'number') {
        tally.submitted += event.count;
        tally.ended += event.count;
      }
      if (typeof event.workerId === 'number') tally.workers.add(event.workerId);
      break;
    default:
      break;
  }
}
