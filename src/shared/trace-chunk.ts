/**
 * Trace chunks: the packed encoding of trace schema v1 ({@link TraceEvent}) in which batches of
 * events travel between processes.
 *
 * Why: as objects, every hop from a worker to the pixel (worker → pool → session process → host
 * → renderer) walked, copied and rebuilt each event, and that cost more than the tasks traced.
 * A chunk is a few flat arrays: a `Float64Array` of fixed-size records, plus the strings and
 * primitives they name by index. The producer writes it once ({@link ChunkWriter},
 * trace-chunk-writer.ts); every hop in between forwards it as it is (structured clone or V8
 * serialisation of a typed array is one copy); only the final consumer calls
 * {@link decodeChunk}, which gives back exactly the events that were written.
 *
 * Record layout ({@link TRACE_CHUNK_STRIDE} numbers): `code, ts, f0 … f5`. Per code:
 * - `object` (0): f0 = index in `objects` (any event without a packed form, kept in its place);
 * - `lockRequest` … `valueWrite` (1–5): f0 = index in `infos`, f1 = pid, f2 = tid, f3 = a,
 *   f4 = b, where a/b are: lock-acquire outcome ({@link outcomeCode}) / waited (0, 1);
 *   lock-release forced (0, 1) / 0; value-read/write the value / the index (NaN: none);
 * - `taskSubmit` (6): f0 = call id, f1 = task index (taskId `"<f0>:<f1>"`), f2 = name, f3 = args
 *   (both indices in `strings`);
 * - `taskStart` (7): f0 = call id, f1 = task index, f2 = workerId, f3 = pid;
 * - `taskEnd` (8): as taskStart, f4 = ok (0, 1), f5 = error (index in `strings`; -1: none);
 * - `taskRun` (9): a task's `task-start` (at ts) and its `task-end`, consecutive, in one record:
 *   as taskStart, f4 = the end's ts, f5 = {@link RUN_OK} (-1: ok, no error), {@link RUN_FAILED}
 *   (-2: failed, no error) or the error's index in `strings` (failed). Two events: see
 *   {@link chunkEventCount};
 * - `taskSubmitNumber` (10): as taskSubmit, but f3 is the task's one numeric argument x itself:
 *   its args summary is `String(x)`;
 * - `queuePut`, `queueGet`, `pipeSend`, `pipeRecv` (11–14): f0 = index in `infos`, f1 = pid,
 *   f2 = tid, f3 = flags, f4 = the queue's `depth` / the pipe's `end`, f5 = item or error as the
 *   flags say. Flags: {@link CHANNEL_OK} (1: `ok` true; pipeSend has no `ok`), and at most one
 *   of {@link CHANNEL_ITEM} (2: f5 = `item`, index in `strings`), {@link CHANNEL_ITEM_NUMBER}
 *   (4: `item` is `String(f5)`, the summary of a numeric item) and {@link CHANNEL_ERROR}
 *   (8: f5 = `error`, index in `strings`; queueGet and pipeRecv only); none: neither field.
 *   An event with both an `item` and an `error` stays an object. These codes came after 0–10
 *   within {@link TRACE_CHUNK_VERSION} 1 (queue and pipe events were objects before): a decoder
 *   that predates them skips these records, as below, losing those events and nothing else;
 *   this one reads every code 0–14.
 *
 * Compatibility follows the schema's rules: a new code is a minor change (a reader that meets
 * a code it does not know skips the record); changing a layout bumps {@link TRACE_CHUNK_VERSION}.
 * Pure code without platform imports: the workers, the main process and the renderer all use it.
 */
import { channelEvent } from './trace-chunk-channel';
import {
  CHUNK_CODE,
  OUTCOMES,
  RUN_OK,
  TRACE_CHUNK_STRIDE,
  taskId,
  type PrimitiveCode,
  type PrimitiveRef,
  type TraceChunk,
} from './trace-chunk-format';
import type { TraceEvent } from './trace-schema';

export {
  CHANNEL_ERROR,
  CHANNEL_ITEM,
  CHANNEL_ITEM_NUMBER,
  CHANNEL_OK,
  CHUNK_CODE,
  RUN_FAILED,
  RUN_OK,
  TRACE_CHUNK_STRIDE,
  TRACE_CHUNK_VERSION,
  outcomeCode,
  type ChannelCode,
  type ChunkPrimitive,
  type PrimitiveCode,
  type PrimitiveRef,
  type TraceChunk,
} from './trace-chunk-format';
export { ChunkWriter, encodeEvents } from './trace-chunk-writer';
export { channelEvent } from './trace-chunk-channel';
export { newChunkTally, tallyChunk, tallyObject, type ChunkTally } from './trace-chunk-tally';

/** Number of events in a chunk (a `taskRun` record is two). */
export function chunkEventCount(chunk: TraceChunk): number {
  const { records } = chunk;
  let runs = 0;
  for (let at = 0; at < records.length; at += TRACE_CHUNK_STRIDE) {
    if (records[at] === CHUNK_CODE.taskRun) runs++;
  }
  return records.length / TRACE_CHUNK_STRIDE + runs;
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

/** The `task-end` of a taskEnd record (`ok` 0/1, `error` -1: none) or a taskRun record. */
function taskEnd(
  ts: number,
  id: string,
  workerId: number,
  pid: number,
  ok: boolean,
  error: string | undefined,
): TraceEvent {
  return error === undefined
    ? { type: 'task-end', ts, taskId: id, workerId, pid, ok }
    : { type: 'task-end', ts, taskId: id, workerId, pid, ok, error };
}

/**
 * The events of a chunk, as they were written. Records with a code this reader does not know
 * (written by a newer runtime) are skipped, as the schema's rules ask, and so is a record that
 * names an object or primitive the chunk does not hold (a consumer must never get `undefined`
 * for an event).
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
      case CHUNK_CODE.object: {
        const event = objects[f0];
        if (event !== undefined) events.push(event);
        break;
      }
      case CHUNK_CODE.lockRequest:
      case CHUNK_CODE.lockAcquire:
      case CHUNK_CODE.lockRelease:
      case CHUNK_CODE.valueRead:
      case CHUNK_CODE.valueWrite: {
        const ref = refs[f0];
        if (ref !== undefined) {
          events.push(
            primitiveEvent(code, ts, ref, f1, records[at + 4]!, records[at + 5]!, records[at + 6]!),
          );
        }
        break;
      }
      case CHUNK_CODE.taskSubmit:
      case CHUNK_CODE.taskSubmitNumber: {
        const f3 = records[at + 5]!;
        const name = strings[records[at + 4]!] ?? '';
        const args = code === CHUNK_CODE.taskSubmit ? (strings[f3] ?? '') : String(f3);
        events.push({ type: 'task-submit', ts, taskId: taskId(f0, f1), name, args });
        break;
      }
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
        const id = taskId(f0, f1);
        const ok = records[at + 6] === 1;
        events.push(
          taskEnd(
            ts,
            id,
            records[at + 4]!,
            records[at + 5]!,
            ok,
            error < 0 ? undefined : (strings[error] ?? ''),
          ),
        );
        break;
      }
      case CHUNK_CODE.taskRun: {
        const id = taskId(f0, f1);
        const workerId = records[at + 4]!;
        const pid = records[at + 5]!;
        const result = records[at + 7]!;
        events.push({ type: 'task-start', ts, taskId: id, workerId, pid });
        const ok = result === RUN_OK;
        const error = result >= 0 ? (strings[result] ?? '') : undefined;
        events.push(taskEnd(records[at + 6]!, id, workerId, pid, ok, error));
        break;
      }
      case CHUNK_CODE.queuePut:
      case CHUNK_CODE.queueGet:
      case CHUNK_CODE.pipeSend:
      case CHUNK_CODE.pipeRecv: {
        const ref = refs[f0];
        if (ref !== undefined) {
          const r = records;
          events.push(
            channelEvent(code, ts, ref, f1, r[at + 4]!, r[at + 5]!, r[at + 6]!, r[at + 7]!, strings),
          );
        }
        break;
      }
      default:
        break;
    }
  }
  return events;
}
