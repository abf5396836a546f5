/**
 * The events of shared-memory primitives, packed as numbers. A lock used in a loop from a worker
 * thread records an event per operation; as objects, each cost about 0.6 µs to send (the
 * structured clone of `postMessage`, or serialisation to another process), several times the
 * operation itself. As seven numbers in a Float64Array, a batch of them is one block of memory
 * to copy, and the receiver rebuilds the very same events (`unpackTrace`).
 *
 * Events of other kinds stay objects and keep their place among the packed ones.
 */
import { PACKED_STRIDE, type PackedTrace } from '../../../shared/worker-protocol';
import type { Actor, LockAcquireEvent, PrimitiveKind, TraceEvent } from '../../../shared/trace-schema';
import type { PrimitiveInfo } from './identity';

/** What a packed record is: its first number. 0: an object event (`a` = its index). */
export const PACKED = {
  object: 0,
  lockRequest: 1,
  lockAcquire: 2,
  lockRelease: 3,
  valueRead: 4,
  valueWrite: 5,
} as const;

/** Kinds of packed records (not `object`). */
export type PackedCode = Exclude<(typeof PACKED)[keyof typeof PACKED], 0>;

const OUTCOMES: readonly LockAcquireEvent['outcome'][] = ['acquired', 'abandoned', 'timeout', 'cancelled'];

/** The number of a lock-acquire outcome, for {@link PackedWriter.add}'s `a`. */
export function outcomeCode(outcome: LockAcquireEvent['outcome']): number {
  return OUTCOMES.indexOf(outcome);
}

/**
 * The event a record stands for. `a`/`b` per code: lock-acquire outcome / waited (0, 1);
 * lock-release forced (0, 1) / unused; value-read/write the value / the index (NaN: none).
 * Also how a context without an uplink builds these events, so both ways give the same object.
 */
export function eventOf(
  code: PackedCode,
  ts: number,
  info: { objectId: string; kind: PrimitiveKind; name: string },
  pid: number,
  tid: number,
  a: number,
  b: number,
): TraceEvent {
  const { objectId, kind, name } = info;
  switch (code) {
    case PACKED.lockRequest:
      return { type: 'lock-request', ts, objectId, kind, name, pid, tid };
    case PACKED.lockAcquire:
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
    case PACKED.lockRelease:
      return a === 1
        ? { type: 'lock-release', ts, objectId, kind, name, pid, tid, forced: true }
        : { type: 'lock-release', ts, objectId, kind, name, pid, tid };
    case PACKED.valueRead:
    case PACKED.valueWrite: {
      const type = code === PACKED.valueRead ? 'value-read' : 'value-write';
      return Number.isNaN(b)
        ? { type, ts, objectId, kind, name, pid, tid, value: a }
        : { type, ts, objectId, kind, name, pid, tid, value: a, index: b };
    }
  }
}

/** Collects packed records and object events, in order, until {@link PackedWriter.take}. */
export class PackedWriter {
  private records = new Float64Array(PACKED_STRIDE * 64);
  private used = 0;
  private infos: [string, PrimitiveKind, string][] = [];
  private readonly infoIndex = new Map<PrimitiveInfo, number>();
  private objects: TraceEvent[] = [];
  // The primitive of the previous record: a loop on one lock looks it up once.
  private lastInfo: PrimitiveInfo | null = null;
  private lastIndex = 0;

  /** Events held. */
  get size(): number {
    return this.used / PACKED_STRIDE;
  }

  /** Adds a packed event (see {@link eventOf} for `a` and `b`). */
  add(code: PackedCode, ts: number, info: PrimitiveInfo, actor: Actor, a: number, b: number): void {
    let index = this.lastIndex;
    if (info !== this.lastInfo) {
      const known = this.infoIndex.get(info);
      if (known === undefined) {
        index = this.infos.length;
        this.infos.push([info.objectId, info.kind, info.name]);
        this.infoIndex.set(info, index);
      } else index = known;
      this.lastInfo = info;
      this.lastIndex = index;
    }
    const r = this.room();
    const at = this.used;
    r[at] = code;
    r[at + 1] = ts;
    r[at + 2] = index;
    r[at + 3] = actor.pid;
    r[at + 4] = actor.tid;
    r[at + 5] = a;
    r[at + 6] = b;
    this.used = at + PACKED_STRIDE;
  }

  /** Adds an event that stays an object, in its place. */
  addObject(event: TraceEvent): void {
    const r = this.room();
    const at = this.used;
    r[at] = PACKED.object;
    r[at + 1] = event.ts;
    r[at + 5] = this.objects.length;
    this.objects.push(event);
    this.used = at + PACKED_STRIDE;
  }

  /** Everything held, as one packet; the writer starts empty again. */
  take(): PackedTrace {
    const packet: PackedTrace = {
      records: this.records.slice(0, this.used),
      infos: this.infos,
      objects: this.objects,
    };
    this.used = 0;
    this.infos = [];
    this.infoIndex.clear();
    this.objects = [];
    this.lastInfo = null;
    return packet;
  }

  private room(): Float64Array {
    if (this.used + PACKED_STRIDE > this.records.length) {
      const grown = new Float64Array(this.records.length * 2);
      grown.set(this.records);
      this.records = grown;
    }
    return this.records;
  }
}

/** The events of a packet, as they were recorded. */
export function unpackTrace(packet: PackedTrace): TraceEvent[] {
  const { records, infos, objects } = packet;
  const events: TraceEvent[] = [];
  const named = infos.map(([objectId, kind, name]) => ({ objectId, kind, name }));
  for (let at = 0; at + PACKED_STRIDE <= records.length; at += PACKED_STRIDE) {
    const code = records[at]!;
    if (code === PACKED.object) {
      events.push(objects[records[at + 5]!]!);
      continue;
    }
    events.push(
      eventOf(
        code as PackedCode,
        records[at + 1]!,
        named[records[at + 2]!]!,
        records[at + 3]!,
        records[at + 4]!,
        records[at + 5]!,
        records[at + 6]!,
      ),
    );
  }
  return events;
}
