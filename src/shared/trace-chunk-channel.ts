/**
 * Channel records (`queuePut`, `queueGet`, `pipeSend`, `pipeRecv`; trace-chunk.ts has the
 * layout): the event a record stands for, and which event objects have a record that gives them
 * back exactly. A traced queue writes two of these per item, so they carry no object.
 */
import {
  CHANNEL_ERROR,
  CHANNEL_ITEM,
  CHANNEL_ITEM_NUMBER,
  CHANNEL_OK,
  CHUNK_CODE,
  type ChannelCode,
  type PrimitiveRef,
} from './trace-chunk-format';
import type { PipeRecvEvent, PipeSendEvent, QueueGetEvent, QueuePutEvent, TraceEvent } from './trace-schema';

/** A channel event, as the writer takes it apart. */
export type ChannelEvent = QueuePutEvent | QueueGetEvent | PipeSendEvent | PipeRecvEvent;

/** The record code of a channel event type. */
export const CHANNEL_CODE_OF_TYPE: Readonly<Record<ChannelEvent['type'], ChannelCode>> = {
  'queue-put': CHUNK_CODE.queuePut,
  'queue-get': CHUNK_CODE.queueGet,
  'pipe-send': CHUNK_CODE.pipeSend,
  'pipe-recv': CHUNK_CODE.pipeRecv,
};

/**
 * True when a record gives `event` back exactly: it holds no keys beyond its type's, none of
 * them undefined (an absent key must stay absent), and not both an `item` and an `error` (the
 * record has room for one).
 */
export function packableChannelEvent(event: ChannelEvent): boolean {
  const hasItem = event.item !== undefined;
  // Only gets and receives have an error: a put or send with one stays an object.
  const canFail = event.type === 'queue-get' || event.type === 'pipe-recv';
  const hasError = canFail && event.error !== undefined;
  if (hasItem && hasError) return false;
  // Every type has 7 common keys (type, ts, objectId, kind, name, pid, tid) and 2 of its own.
  const own = event.type === 'pipe-send' ? 1 : 2;
  return Object.keys(event).length === 7 + own + (hasItem ? 1 : 0) + (hasError ? 1 : 0);
}

/**
 * The event a channel record stands for: `flags` is its f3, `x` its f4 (a queue's depth, a
 * pipe's end), `f5` the item or error as `flags` says, `strings` the chunk's strings.
 */
export function channelEvent(
  code: ChannelCode,
  ts: number,
  info: PrimitiveRef,
  pid: number,
  tid: number,
  flags: number,
  x: number,
  f5: number,
  strings: readonly string[],
): TraceEvent {
  const { objectId, kind, name } = info;
  const ok = (flags & CHANNEL_OK) !== 0;
  // A dangling index gives an empty text, never undefined (as task records do).
  const item =
    (flags & CHANNEL_ITEM_NUMBER) !== 0
      ? String(f5)
      : (flags & CHANNEL_ITEM) !== 0
        ? (strings[f5] ?? '')
        : undefined;
  const error = (flags & CHANNEL_ERROR) !== 0 ? (strings[f5] ?? '') : undefined;
  switch (code) {
    case CHUNK_CODE.queuePut:
      return item === undefined
        ? { type: 'queue-put', ts, objectId, kind, name, pid, tid, ok, depth: x }
        : { type: 'queue-put', ts, objectId, kind, name, pid, tid, ok, depth: x, item };
    case CHUNK_CODE.queueGet:
      if (item !== undefined) {
        return { type: 'queue-get', ts, objectId, kind, name, pid, tid, ok, depth: x, item };
      }
      return error === undefined
        ? { type: 'queue-get', ts, objectId, kind, name, pid, tid, ok, depth: x }
        : { type: 'queue-get', ts, objectId, kind, name, pid, tid, ok, depth: x, error };
    case CHUNK_CODE.pipeSend: {
      const end = x as 0 | 1;
      return item === undefined
        ? { type: 'pipe-send', ts, objectId, kind, name, pid, tid, end }
        : { type: 'pipe-send', ts, objectId, kind, name, pid, tid, end, item };
    }
    case CHUNK_CODE.pipeRecv: {
      const end = x as 0 | 1;
      if (item !== undefined) {
        return { type: 'pipe-recv', ts, objectId, kind, name, pid, tid, end, ok, item };
      }
      return error === undefined
        ? { type: 'pipe-recv', ts, objectId, kind, name, pid, tid, end, ok }
        : { type: 'pipe-recv', ts, objectId, kind, name, pid, tid, end, ok, error };
    }
  }
}
