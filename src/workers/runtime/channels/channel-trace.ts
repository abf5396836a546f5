/**
 * Trace events of channels. An event is born where the operation is performed (the owner) and
 * names the caller as its actor. Nothing is built while tracing is off, and nothing but
 * numbers while it is on: the events are written as chunk records (`queuePut` … `pipeRecv`),
 * no object per item; a numeric item is kept as the number, without its summary string.
 */
import { CHUNK_CODE } from '../../../shared/trace-chunk';
import type { PrimitiveInfo } from '../context/identity';
import type { Caller } from '../context/served';
import { emitChannelEvent, tracingActive } from '../context/trace-out';
import { summarizeArgs } from '../trace';

/** Why a wait on a channel gave up, as the trace's `error` field says it. */
export type GaveUp = 'empty' | 'timeout' | 'cancelled' | 'closed' | 'peer-gone' | 'caller-gone';

/** Longest string whose summary may be its JSON as it is (trace.ts shortens longer ones). */
const MAX_SHORT_STRING = 48;
/** Longest summary trace.ts leaves whole. */
const MAX_WHOLE_SUMMARY = 96;

/**
 * The summary of one item, exactly `summarizeArgs([item])`, without its array and join for the
 * items queues carry most: a number is its own text, a short string its JSON.
 */
export function summarizeItem(item: unknown): string {
  if (typeof item === 'number') return String(item);
  if (typeof item === 'string' && item.length <= MAX_SHORT_STRING) {
    const text = JSON.stringify(item);
    if (text.length <= MAX_WHOLE_SUMMARY) return text;
  }
  return summarizeArgs([item]);
}

/** The summary of an item as a record takes it: a number as itself (its summary is `String(item)`). */
function itemOf(item: unknown): string | number {
  return typeof item === 'number' ? item : summarizeItem(item);
}

/** Records a `queue-put` (`ok` false: the put gave up and inserted nothing). One per item put. */
export function tracePut(
  info: PrimitiveInfo,
  caller: Caller,
  ok: boolean,
  depth: number,
  item: unknown,
): void {
  if (!tracingActive()) return;
  emitChannelEvent(CHUNK_CODE.queuePut, info, caller, ok, depth, itemOf(item));
}

/** Records a successful `queue-get` of `item`. One per item got. */
export function traceGot(info: PrimitiveInfo, caller: Caller, depth: number, item: unknown): void {
  if (!tracingActive()) return;
  emitChannelEvent(CHUNK_CODE.queueGet, info, caller, true, depth, itemOf(item));
}

/** Records a `queue-get` that gave up without taking anything. */
export function traceGetFailed(info: PrimitiveInfo, caller: Caller, depth: number, error: GaveUp): void {
  if (!tracingActive()) return;
  emitChannelEvent(CHUNK_CODE.queueGet, info, caller, false, depth, undefined, error);
}

/** Records a `pipe-send` into end `end`. */
export function traceSend(info: PrimitiveInfo, caller: Caller, end: 0 | 1, msg: unknown): void {
  if (!tracingActive()) return;
  emitChannelEvent(CHUNK_CODE.pipeSend, info, caller, false, end, itemOf(msg));
}

/** Records a `pipe-recv` at end `end`: the message, or why it gave up. */
export function traceRecv(
  info: PrimitiveInfo,
  caller: Caller,
  end: 0 | 1,
  outcome: { msg: unknown } | { error: GaveUp | 'eof' },
): void {
  if (!tracingActive()) return;
  if ('msg' in outcome) {
    emitChannelEvent(CHUNK_CODE.pipeRecv, info, caller, true, end, itemOf(outcome.msg));
  } else {
    emitChannelEvent(CHUNK_CODE.pipeRecv, info, caller, false, end, undefined, outcome.error);
  }
}
