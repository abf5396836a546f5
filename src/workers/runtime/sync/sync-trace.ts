/**
 * Trace events of the synchronisation cores. Every helper returns at once when tracing is off,
 * before any object is built, so an untraced operation allocates nothing here.
 */
import type {
  Actor,
  LockAcquireEvent,
  EventSignalEvent,
  BarrierWaitEvent,
} from '../../../shared/trace-schema';
import { CHUNK_CODE as PACKED, outcomeCode } from '../../../shared/trace-chunk';
import type { PrimitiveInfo } from '../context/identity';
import { emitPrimitiveEvent, emitTrace, nowUs, tracingActive } from '../context/trace-out';

/**
 * `lock-request`: `actor` found a lock-like primitive taken and starts to wait. Only an acquire
 * that waits records one (see `LockRequestEvent`): one that did not is its `lock-acquire` alone.
 */
export function traceLockRequest(info: PrimitiveInfo, actor: Actor): void {
  if (!tracingActive()) return;
  emitPrimitiveEvent(PACKED.lockRequest, info, actor, 0, 0);
}

/** `lock-acquire`: the acquire of `actor` ended with `outcome`, after a wait or not. */
export function traceLockAcquire(
  info: PrimitiveInfo,
  actor: Actor,
  outcome: LockAcquireEvent['outcome'],
  waited: boolean,
): void {
  if (!tracingActive()) return;
  emitPrimitiveEvent(PACKED.lockAcquire, info, actor, outcomeCode(outcome), waited ? 1 : 0);
}

/**
 * The time of a release, taken just before it frees the lock (0 while not tracing): once free,
 * another thread may take it and record its acquire at once, which must not precede the release.
 */
export function releaseStamp(): number {
  return tracingActive() ? nowUs() : 0;
}

/**
 * `lock-release`: `actor` released (or, `forced`, the runtime released for a dead holder) at
 * `ts`, from {@link releaseStamp}.
 */
export function traceLockRelease(info: PrimitiveInfo, actor: Actor, ts: number, forced = false): void {
  if (!tracingActive()) return;
  emitPrimitiveEvent(PACKED.lockRelease, info, actor, forced ? 1 : 0, 0, ts);
}

/** `event-signal`: set, clear, or the start/end of a wait (`ok`: the flag was seen set). */
export function traceEventSignal(
  info: PrimitiveInfo,
  actor: Actor,
  action: EventSignalEvent['action'],
  ok?: boolean,
): void {
  if (!tracingActive()) return;
  emitTrace({
    type: 'event-signal',
    ts: nowUs(),
    objectId: info.objectId,
    kind: info.kind,
    name: info.name,
    pid: actor.pid,
    tid: actor.tid,
    action,
    ...(ok === undefined ? {} : { ok }),
  });
}

/** `barrier-wait`: `actor` arrived, passed, saw the barrier broken, or timed out. */
export function traceBarrier(
  info: PrimitiveInfo,
  actor: Actor,
  action: BarrierWaitEvent['action'],
  waiting: number,
  parties: number,
): void {
  if (!tracingActive()) return;
  emitTrace({
    type: 'barrier-wait',
    ts: nowUs(),
    objectId: info.objectId,
    kind: info.kind,
    name: info.name,
    pid: actor.pid,
    tid: actor.tid,
    action,
    waiting,
    parties,
  });
}

/** `value-read` / `value-write` of a Value, or of element `index` of an Array (text: a summary). */
export function traceValue(
  type: 'value-read' | 'value-write',
  info: PrimitiveInfo,
  actor: Actor,
  value: number | bigint | string,
  index?: number,
): void {
  if (!tracingActive()) return;
  if (typeof value === 'number') {
    const code = type === 'value-read' ? PACKED.valueRead : PACKED.valueWrite;
    emitPrimitiveEvent(code, info, actor, value, index ?? NaN);
    return;
  }
  emitTrace({
    type,
    ts: nowUs(),
    objectId: info.objectId,
    kind: info.kind,
    name: info.name,
    pid: actor.pid,
    tid: actor.tid,
    // Trace events are JSON: a 64-bit value travels as text.
    value: typeof value === 'bigint' ? `${value}n` : value,
    ...(index === undefined ? {} : { index }),
  });
}
