/**
 * Equality of plain data (what structured clone carries), used by managed lists to find a value
 * (`remove`, `index`). A value from another context is always a copy, so identity would never
 * match: like Python's `==`, equal contents are equal. Numbers compare as SameValueZero (NaN
 * finds NaN, 0 finds -0).
 */

function sameValueZero(a: unknown, b: unknown): boolean {
  return a === b || (a !== a && b !== b);
}

function bytesOf(view: ArrayBufferView | ArrayBuffer): Uint8Array {
  return view instanceof ArrayBuffer
    ? new Uint8Array(view)
    : new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function equalObjects(a: object, b: object, seen: Map<object, object>): boolean {
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  // A cycle met again compares equal on this path; the rest of the walk decides.
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((v, i) => equal(v, other[i], seen));
  }
  if (a instanceof Date) return sameValueZero(a.getTime(), (b as Date).getTime());
  if (a instanceof RegExp) return a.source === (b as RegExp).source && a.flags === (b as RegExp).flags;
  if (ArrayBuffer.isView(a) || a instanceof ArrayBuffer) {
    return equalBytes(bytesOf(a), bytesOf(b as ArrayBuffer));
  }
  if (a instanceof Map) {
    const other = b as Map<unknown, unknown>;
    if (a.size !== other.size) return false;
    for (const [key, value] of a) if (!other.has(key) || !equal(value, other.get(key), seen)) return false;
    return true;
  }
  if (a instanceof Set) {
    const other = b as Set<unknown>;
    return a.size === other.size && [...a].every((v) => other.has(v));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return keys.every((key) => Object.hasOwn(rb, key) && equal(ra[key], rb[key], seen));
}

function equal(a: unknown, b: unknown, seen: Map<object, object>): boolean {
  if (sameValueZero(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return equalObjects(a, b, seen);
}

/** True when `a` and `b` are equal plain data (deep, by contents). */
export function plainEqual(a: unknown, b: unknown): boolean {
  return equal(a, b, new Map());
}
