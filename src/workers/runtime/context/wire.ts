/**
 * Primitives as arguments. Structured clone cannot carry a live object to another context, so
 * before arguments leave (task args, initargs, Process args, queue items, pipe messages) every
 * primitive in them is replaced by its *wire form*, plain data naming it; the receiving context
 * *revives* wire forms into live objects. A wire form keeps the primitive's SharedArrayBuffer
 * only when it goes to a thread of the same process (which then works on the same memory);
 * for another process it names the owner, and the revived object asks the owner for every
 * operation, unless the state is in a shared memory segment (Lock, RLock, Value, Array where
 * the addon is available): then the wire form names the block and any context maps it.
 *
 * Both walks are skipped while this context has never seen a primitive, so maps of plain data
 * pay nothing for the feature.
 */
import type { PrimitiveKind } from '../../../shared/trace-schema';
import type { ShmPlace } from '../shm/arena';

/** The key that marks a wire form (an unlikely property name in user data). */
export const WIRE_KEY = '@parascope';

/** Plain data standing for a primitive while it crosses to another context. */
export interface WireForm {
  [WIRE_KEY]: PrimitiveKind;
  owner: string;
  id: number;
  name: string;
  /** The primitive's shared memory: only on the way to a thread of the owner's process. */
  sab?: SharedArrayBuffer;
  /** Its block of a shared memory segment, which any process of the session can map (shm/arena.ts). */
  shm?: ShmPlace;
  /** Kind-specific extras (a Value's type code, a Barrier's parties, a pipe end, …). */
  meta?: Record<string, unknown>;
}

/** Where the value is going: a thread of this process, or another process. */
export type Boundary = 'thread' | 'process';

/** Implemented by every primitive class: its wire form for `boundary`. */
export const TO_WIRE: unique symbol = Symbol('parascope.toWire');

/** A value with a wire form. */
export interface Shareable {
  [TO_WIRE](boundary: Boundary): WireForm;
}

type Reviver = (wire: WireForm) => object;

const revivers = new Map<PrimitiveKind, Reviver>();
let seen = false;

/** Called by every primitive constructor (and reviver): from now on, walks are needed. */
export function notePrimitive(): void {
  seen = true;
}

/** Registers how wire forms of `kind` become live objects in this context. */
export function registerReviver(kind: PrimitiveKind, revive: Reviver): void {
  revivers.set(kind, revive);
}

function isShareable(value: object): value is Shareable {
  return typeof (value as Partial<Shareable>)[TO_WIRE] === 'function';
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isWireForm(value: Record<string, unknown>): value is WireForm & Record<string, unknown> {
  return (
    typeof value[WIRE_KEY] === 'string' && typeof value.owner === 'string' && typeof value.id === 'number'
  );
}

/**
 * Rebuilds arrays, plain objects and Maps on the way down only where `swap` changed something
 * beneath, so data without primitives comes back as the very same object.
 */
function walk(value: unknown, swap: (value: object) => object | undefined, seenSet: Set<object>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const swapped = swap(value);
  if (swapped !== undefined) return swapped;
  if (seenSet.has(value)) return value;
  seenSet.add(value);
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const next = walk(item, swap, seenSet);
      if (next !== item) {
        copy ??= value.slice();
        copy[i] = next;
      }
    }
    return copy ?? value;
  }
  if (value instanceof Map) {
    let copy: Map<unknown, unknown> | null = null;
    for (const [key, item] of value) {
      const next = walk(item, swap, seenSet);
      if (next !== item) {
        copy ??= new Map(value);
        copy.set(key, next);
      }
    }
    return copy ?? value;
  }
  if (isPlainObject(value)) {
    let copy: Record<string, unknown> | null = null;
    for (const key of Object.keys(value)) {
      const item = value[key];
      const next = walk(item, swap, seenSet);
      if (next !== item) {
        copy ??= { ...value };
        copy[key] = next;
      }
    }
    return copy ?? value;
  }
  return value;
}

/** `value` with every primitive in it replaced by its wire form for `boundary` (same object if none). */
export function toWire<T>(value: T, boundary: Boundary): T {
  // A number or a string (most queue items) is its own wire form: no walk, no set.
  if (!seen || typeof value !== 'object' || value === null) return value;
  return walk(value, (v) => (isShareable(v) ? v[TO_WIRE](boundary) : undefined), new Set()) as T;
}

/** `value` with every wire form in it replaced by a live primitive (same object if none). */
export function fromWire<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  return walk(
    value,
    (v) => {
      if (!isPlainObject(v) || !isWireForm(v)) return undefined;
      const revive = revivers.get(v[WIRE_KEY]);
      if (revive === undefined) {
        throw new TypeError(`Cannot revive a primitive of kind "${v[WIRE_KEY]}" in this context`);
      }
      seen = true;
      return revive(v);
    },
    new Set(),
  ) as T;
}
