/**
 * Folds the runtime's activity events (locks, queues, pipes, values, events, barriers,
 * processes, output) into an {@link ActivityState}, one batch at a time. Pure: the input state
 * is never changed. Cheap per event: a batch copies each small map it changes once (see
 * draft-map.ts) and appends to shared logs (see append-log.ts); nothing is copied per event.
 * Malformed events are ignored, as unknown types are.
 */
import type { TraceEvent } from '../../shared/trace-schema';
import {
  actorKey,
  blankActor,
  blankChannel,
  blankValue,
  type ActivityState,
  type ActorRecord,
  type ChannelRecord,
  type LockRecord,
  type LockSpan,
  type Mark,
  type OpenLock,
  type OutputLine,
  type ValueRecord,
} from './activity-types';
import { hasActor, isActivityType, isCount, isPrimitiveEvent, type PrimitiveEvent } from './activity-events';
import { addDepths } from './depth-series';
import { DraftMap, shallow } from './draft-map';
import { applyLockEvent, beginWait, endWait, type LockDraft } from './lock-tracker';

/** One batch's changes; {@link ActivityDraft.commit} makes the next state. */
export class ActivityDraft {
  private readonly _base: ActivityState;
  private readonly _actors: DraftMap<string, ActorRecord>;
  private readonly _locks: DraftMap<string, LockRecord>;
  private readonly _open: DraftMap<string, readonly OpenLock[]>;
  private readonly _channels: DraftMap<string, ChannelRecord>;
  private readonly _values: DraftMap<string, ValueRecord>;
  private readonly _spans: LockSpan[] = [];
  private readonly _marks: Mark[] = [];
  private readonly _output: OutputLine[] = [];
  /** Depth points per queue, added to its series once at commit. */
  private readonly _depths = new Map<string, [number, number][]>();
  private _minTs: number | null;
  private _maxTs: number | null;
  private _opMinTs: number | null;
  private _opMaxTs: number | null;

  constructor(base: ActivityState) {
    this._base = base;
    this._actors = new DraftMap(base.actors, shallow);
    // A lock's recent lists are appended to in place (lock-tracker.ts): each batch copies them.
    this._locks = new DraftMap(base.locks, (l) => ({
      ...l,
      recent: { holds: [...l.recent.holds], waits: [...l.recent.waits] },
    }));
    this._open = new DraftMap(base.open, (list) => [...list]);
    this._channels = new DraftMap(base.channels, shallow);
    this._values = new DraftMap(base.values, (v) => ({ ...v, writers: new Map(v.writers) }));
    this._minTs = base.minTs;
    this._maxTs = base.maxTs;
    this._opMinTs = base.opMinTs;
    this._opMaxTs = base.opMaxTs;
  }

  /** Applies one event; false when it is not an activity event (or is malformed). */
  apply(event: TraceEvent): boolean {
    if (event.type === 'worker-spawn' || event.type === 'worker-exit') return this._worker(event);
    if (!isActivityType(event.type) || !hasActor(event)) return false;
    const e = event;
    if (
      e.type !== 'process-start' &&
      e.type !== 'process-exit' &&
      e.type !== 'output' &&
      !isPrimitiveEvent(e)
    ) {
      return false;
    }
    if (e.type !== 'process-start' && e.type !== 'process-exit' && e.type !== 'output') {
      // An operation changes no actor fact once its actor is known: the actor map stays as it
      // is, so views keyed on it (process list, output log) do not redraw for every operation.
      this._primitive(e, this._touch(e.pid, e.tid, e.ts));
      this._opMinTs = this._opMinTs === null ? e.ts : Math.min(this._opMinTs, e.ts);
      this._opMaxTs = this._opMaxTs === null ? e.ts : Math.max(this._opMaxTs, e.ts);
      this._span(e.ts);
      return true;
    }
    const actor = this._actor(e.pid, e.tid, e.ts);
    switch (e.type) {
      case 'process-start':
        Object.assign(actor, { name: e.name, backend: e.backend, parentPid: e.parentPid, target: e.target });
        actor.startTs = e.ts;
        this._actor(e.parentPid, 0, e.ts).isParent = true;
        break;
      case 'process-exit':
        Object.assign(actor, { name: e.name, exitTs: e.ts, exitCode: e.exitCode, signal: e.signal });
        break;
      case 'output':
        actor.outputLines++;
        this._output.push({ ts: e.ts, actor: actor.key, stream: e.stream, line: String(e.line) });
        break;
    }
    this._span(e.ts);
    return true;
  }

  private _primitive(e: PrimitiveEvent, actor: string): void {
    const mark = (op: Mark['op'], ok: boolean, detail: string | null | undefined): void => {
      this._marks.push({
        ts: e.ts,
        actor,
        op,
        objectId: e.objectId,
        name: e.name,
        ok,
        detail: detail ?? null,
      });
    };
    switch (e.type) {
      case 'lock-request':
      case 'lock-acquire':
      case 'lock-release':
        applyLockEvent(this._lockDraft(), e);
        return;
      case 'queue-put':
      case 'queue-get': {
        const q = this._channel(e);
        const put = e.type === 'queue-put';
        if (put && e.ok) q.ins++;
        else if (put) q.failedIns++;
        else if (e.ok) q.outs++;
        else q.failedOuts++;
        if (Number.isFinite(e.depth)) {
          // The depth after the newest operation, whatever order batches arrive in.
          if (e.ts >= q.lastTs) q.depth = e.depth;
          q.maxDepth = Math.max(q.maxDepth, e.depth);
          let points = this._depths.get(e.objectId);
          if (!points) this._depths.set(e.objectId, (points = []));
          points.push([e.ts, e.depth]);
        }
        q.lastTs = Math.max(q.lastTs, e.ts);
        mark(put ? 'put' : 'get', e.ok, e.type === 'queue-get' && !e.ok ? e.error : e.item);
        return;
      }
      case 'pipe-send':
        this._channel(e).ins++;
        mark('send', true, e.item);
        return;
      case 'pipe-recv': {
        const p = this._channel(e);
        if (e.ok) p.outs++;
        else p.failedOuts++;
        mark('recv', e.ok, e.ok ? e.item : e.error);
        return;
      }
      case 'value-read':
      case 'value-write': {
        const v = this._values.draft(e.objectId, () => blankValue(e));
        const shown = e.index === undefined ? e.value : `[${e.index}]=${e.value}`;
        const write = e.type === 'value-write';
        if (write) {
          v.writes++;
          (v.writers as Map<string, number>).set(actor, (v.writers.get(actor) ?? 0) + 1);
        } else v.reads++;
        // The newest write wins (a read only while none was written), whatever the arrival order.
        if (
          (write && (!v.lastIsWrite || e.ts >= v.lastTs)) ||
          (!write && !v.lastIsWrite && e.ts >= v.lastTs)
        ) {
          Object.assign(v, { last: shown, lastTs: e.ts, lastIsWrite: write });
        }
        mark(e.type === 'value-write' ? 'write' : 'read', true, String(shown));
        return;
      }
      case 'event-signal':
        // A wait shows as a box from its start to its end; set and clear as ticks.
        if (e.action === 'wait-start') beginWait(this._lockDraft(), e);
        else if (e.action === 'wait-end')
          endWait(this._lockDraft(), e, e.ok === false ? 'timeout' : 'acquired');
        else mark(e.action, true, null);
        return;
      case 'barrier-wait':
        if (e.action === 'arrive') beginWait(this._lockDraft(), e);
        else endWait(this._lockDraft(), e, BARRIER_OUTCOME[e.action]);
        mark(
          'barrier',
          e.action === 'arrive' || e.action === 'pass',
          `${e.action} ${e.waiting}/${e.parties}`,
        );
        return;
    }
  }

  private _lockDraft(): LockDraft {
    return { locks: this._locks, open: this._open, spans: this._spans };
  }

  private _worker(e: Extract<TraceEvent, { type: 'worker-spawn' | 'worker-exit' }>): boolean {
    if (!isCount(e.pid) || !isCount(e.workerId)) return false;
    // A thread worker shares its pool's pid: without its thread id it cannot be told apart.
    const tid = (e as { tid?: unknown }).tid;
    if (e.type === 'worker-spawn' && e.backend === 'thread' && !isCount(tid)) return false;
    const key = actorKey(e.pid, isCount(tid) ? tid : 0);
    if (e.type === 'worker-exit' && this._actors.get(key) === undefined) return false;
    const actor = this._actor(e.pid, isCount(tid) ? tid : 0, e.ts);
    actor.workerId = e.workerId;
    if (e.type === 'worker-spawn') Object.assign(actor, { backend: e.backend, startTs: e.ts });
    else Object.assign(actor, { exitTs: e.ts, exitCode: e.code, signal: e.signal });
    this._span(e.ts);
    return true;
  }

  /** The actor's record, this batch's own to change. */
  private _actor(pid: number, tid: number, ts: number): ActorRecord {
    const key = actorKey(pid, tid);
    const actor = this._actors.draft(key, () => blankActor(key, pid, tid, ts));
    actor.firstTs = Math.min(actor.firstTs, ts);
    return actor;
  }

  /** Makes sure the actor exists (and knows its first event); its key. Copies nothing if so. */
  private _touch(pid: number, tid: number, ts: number): string {
    const key = actorKey(pid, tid);
    const known = this._actors.get(key);
    if (known === undefined || ts < known.firstTs) this._actor(pid, tid, ts);
    return key;
  }

  private _channel(e: PrimitiveEvent): ChannelRecord {
    return this._channels.draft(e.objectId, () => blankChannel(e.objectId, e.name, e.kind));
  }

  private _span(ts: number): void {
    this._minTs = this._minTs === null ? ts : Math.min(this._minTs, ts);
    this._maxTs = this._maxTs === null ? ts : Math.max(this._maxTs, ts);
  }

  /** The next state (the base itself when the batch held no activity). */
  commit(): ActivityState {
    for (const [objectId, points] of this._depths) {
      // The batch drafted this channel when it took the point: the record is its own to change.
      const q = this._channels.get(objectId);
      if (q) q.series = addDepths(q.series, points);
    }
    const base = this._base;
    const next: ActivityState = {
      actors: this._actors.result(),
      locks: this._locks.result(),
      channels: this._channels.result(),
      values: this._values.result(),
      open: this._open.result(),
      spans: base.spans.append(this._spans),
      marks: base.marks.append(this._marks),
      output: base.output.append(this._output),
      minTs: this._minTs,
      maxTs: this._maxTs,
      opMinTs: this._opMinTs,
      opMaxTs: this._opMaxTs,
    };
    const same = (Object.keys(next) as (keyof ActivityState)[]).every((k) => next[k] === base[k]);
    return same ? base : next;
  }
}

/** Applies one batch of events (convenience for callers that do not share a batch loop). */
export function reduceActivity(state: ActivityState, events: readonly TraceEvent[]): ActivityState {
  if (events.length === 0) return state;
  const draft = new ActivityDraft(state);
  for (const event of events) if (typeof event === 'object' && event !== null) draft.apply(event);
  return draft.commit();
}

/** How a barrier wait ended, in the words of a lock wait (drawn and described alike). */
const BARRIER_OUTCOME = { pass: 'acquired', timeout: 'timeout', broken: 'cancelled' } as const;
