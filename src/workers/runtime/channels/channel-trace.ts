/**
 * Trace events of channels. An event is born where the operation is performed (the owner) and
 * names the caller as its actor. Nothing is built while tracing is off.
 */
import type {
  PipeRecvEvent,
  PipeSendEvent,
  QueueGetEvent,
  QueuePutEvent,
} from '../../../shared/trace-schema';
import type { PrimitiveInfo } from '../context/identity';
import type { Caller } from '../context/served';
import { emitTrace, nowUs, tracingActive } from '../context/trace-out';
import { summarizeArgs } from '../trace';

/** Why a wait on a channel gave up, as the trace's `error` field says it. */
export type GaveUp = 'empty' | 'timeout' | 'cancelled' | 'closed' | 'peer-gone' | 'caller-gone';

function fields(info: PrimitiveInfo, caller: Caller) {
  return {
    ts: nowUs(),
    objectId: info.objectId,
    kind: info.kind,
    name: info.name,
    pid: caller.pid,
    tid: caller.tid,
  };
}

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

/**
 * Records a `queue-put` (`ok` false: the put gave up and inserted nothing). Queue events are
 * built in one literal, in the fields' order: one per item put and one per item got, so a
 * traced queue pays them on every item.
 */
export function tracePut(
  info: PrimitiveInfo,
  caller: Caller,
  ok: boolean,
  depth: number,
  item: unknown,
): void {
  if (!tracingActive()) return;
  const event: QueuePutEvent = {
    type: 'queue-put',
    ts: nowUs(),
    objectId: info.objectId,
    kind: info.kind,
    name: info.name,
    pid: caller.pid,
    tid: caller.tid,
    ok,
    depth,
    item: summarizeItem(item),
  };
  emitTrace(event);
}

/** Records a successful `queue-get` of `item`. */
export function traceGot(info: PrimitiveInfo, caller: Caller, depth: number, item: unknown): void {
  if (!tracingActive()) return;
  const event: QueueGetEvent = {
    type: 'queue-get',
    ts: nowUs(),
    objectId: info.objectId,
    kind: info.kind,
    name: info.name,
    pid: caller.pid,
    tid: caller.tid,
    ok: true,
    depth,
    item: summarizeItem(item),
  };
  emitTrace(event);
}

/** Records a `queue-get` that gave up without taking anything. */
export function traceGetFailed(info: PrimitiveInfo, caller: Caller, depth: number, error: GaveUp): void {
  if (!tracingActive()) return;
  const event: QueueGetEvent = { type: 'queue-get', ...fields(info, caller), ok: false, depth, error };
  emitTrace(event);
}

/** Records a `pipe-send` into end `end`. */
export function traceSend(info: PrimitiveInfo, caller: Caller, end: 0 | 1, msg: unknown): void {
  if (!tracingActive()) return;
  const event: PipeSendEvent = {
    type: 'pipe-send',
    ...fields(info, caller),
    end,
    item: summarizeItem(msg),
  };
  emitTrace(event);
}

/** Records a `pipe-recv` at end `end`: the message, or why it gave up. */
export function traceRecv(
  info: PrimitiveInfo,
  caller: Caller,
  end: 0 | 1,
  outcome: { msg: unknown } | { error: GaveUp | 'eof' },
): void {
  if (!tracingActive()) return;
  const event: PipeRecvEvent =
    'msg' in outcome
      ? { type: 'pipe-recv', ...fields(info, caller), end, ok: true, item: summarizeItem(outcome.msg) }
      : { type: 'pipe-recv', ...fields(info, caller), end, ok: false, error: outcome.error };
  emitTrace(event);
}
