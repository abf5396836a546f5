/**
 * Python's array/ctypes type codes as typed arrays over shared memory.
 *
 * 'l'/'L' are 64-bit, as Python's C `long` on Linux and macOS (64-bit), so a Value('l') holds
 * what it holds in Python there; like 'q'/'Q' they read as bigint (writes take a bigint or an
 * integer number). Integer writes wrap around like ctypes (no overflow error); a non-integer to
 * an integer code is a TypeError, as in Python.
 */
import { invalidArgument } from '../errors';

/** A Python type code accepted by Value and Array. */
export type TypeCode = 'b' | 'B' | 'h' | 'H' | 'i' | 'I' | 'l' | 'L' | 'q' | 'Q' | 'f' | 'd';

/** What a shared number reads as: bigint for the 64-bit integer codes, number otherwise. */
export type SharedScalar = number | bigint;

/** A typed array view of any type code. */
export type SharedView =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

interface CodeInfo {
  index: number;
  bytes: number;
  kind: 'int' | 'bigint' | 'float';
  bits: number;
  signed: boolean;
  make(buffer: ArrayBufferLike, offset: number, length: number): SharedView;
}

const CODES: Record<TypeCode, CodeInfo> = {
  b: { index: 0, bytes: 1, kind: 'int', bits: 8, signed: true, make: (s, o, n) => new Int8Array(s, o, n) },
  B: { index: 1, bytes: 1, kind: 'int', bits: 8, signed: false, make: (s, o, n) => new Uint8Array(s, o, n) },
  h: { index: 2, bytes: 2, kind: 'int', bits: 16, signed: true, make: (s, o, n) => new Int16Array(s, o, n) },
  H: {
    index: 3,
    bytes: 2,
    kind: 'int',
    bits: 16,
    signed: false,
    make: (s, o, n) => new Uint16Array(s, o, n),
  },
  i: { index: 4, bytes: 4, kind: 'int', bits: 32, signed: true, make: (s, o, n) => new Int32Array(s, o, n) },
  I: {
    index: 5,
    bytes: 4,
    kind: 'int',
    bits: 32,
    signed: false,
    make: (s, o, n) => new Uint32Array(s, o, n),
  },
  l: {
    index: 6,
    bytes: 8,
    kind: 'bigint',
    bits: 64,
    signed: true,
    make: (s, o, n) => new BigInt64Array(s, o, n),
  },
  L: {
    index: 7,
    bytes: 8,
    kind: 'bigint',
    bits: 64,
    signed: false,
    make: (s, o, n) => new BigUint64Array(s, o, n),
  },
  q: {
    index: 8,
    bytes: 8,
    kind: 'bigint',
    bits: 64,
    signed: true,
    make: (s, o, n) => new BigInt64Array(s, o, n),
  },
  Q: {
    index: 9,
    bytes: 8,
    kind: 'bigint',
    bits: 64,
    signed: false,
    make: (s, o, n) => new BigUint64Array(s, o, n),
  },
  f: {
    index: 10,
    bytes: 4,
    kind: 'float',
    bits: 32,
    signed: true,
    make: (s, o, n) => new Float32Array(s, o, n),
  },
  d: {
    index: 11,
    bytes: 8,
    kind: 'float',
    bits: 64,
    signed: true,
    make: (s, o, n) => new Float64Array(s, o, n),
  },
};

/** Every type code, in header order. */
export const TYPE_CODES = Object.keys(CODES) as TypeCode[];

/** Validates a type code argument. */
export function checkTypeCode(typecode: unknown): TypeCode {
  if (typeof typecode !== 'string') throw invalidArgument('typecode', 'must be a string', typecode, 'type');
  if (!Object.hasOwn(CODES, typecode)) {
    throw invalidArgument('typecode', `must be one of ${TYPE_CODES.join(' ')}`, typecode, 'range');
  }
  return typecode as TypeCode;
}

/** Header of Value/Array memory: int32 [type code index, length], padded so 64-bit data is aligned. */
export const HEADER_BYTES = 8;

/** Bytes per element and header index of `typecode`. */
export function layoutOf(typecode: TypeCode): { index: number; bytes: number } {
  const { index, bytes } = CODES[typecode];
  return { index, bytes };
}

/** A typed array of `typecode` over `length` elements of `buffer` from byte `offset`. */
export function viewAt(
  typecode: TypeCode,
  buffer: ArrayBufferLike,
  offset: number,
  length: number,
): SharedView {
  return CODES[typecode].make(buffer, offset, Math.max(1, length));
}

/**
 * A one-element typed array of `typecode`: writing a stored value through it and reading it back
 * gives exactly what an element of that type holds (wrapped integers, float32 rounding).
 */
export function scratchOf(typecode: TypeCode): { [index: number]: SharedScalar } {
  return CODES[typecode].make(new SharedArrayBuffer(8), 0, 1);
}

/** Shared memory for `length` elements of `typecode`, with a header naming both. */
export function allocate(typecode: TypeCode, length: number): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(HEADER_BYTES + Math.max(1, length) * CODES[typecode].bytes);
  const header = new Int32Array(sab, 0, 2);
  header[0] = CODES[typecode].index;
  header[1] = length;
  return sab;
}

/** The type code, length and data view of memory made by {@link allocate}. */
export function viewOf(sab: SharedArrayBuffer): { typecode: TypeCode; length: number; view: SharedView } {
  const header = new Int32Array(sab, 0, 2);
  const typecode = TYPE_CODES[header[0]!];
  if (typecode === undefined)
    throw invalidArgument('sab', 'is not shared memory of a Value or Array', sab, 'type');
  const length = header[1]!;
  return { typecode, length, view: CODES[typecode].make(sab, HEADER_BYTES, Math.max(1, length)) };
}

/** `value` as stored under `typecode`: TypeError naming `name` unless it is a number of the right kind. */
export function toStored(typecode: TypeCode, value: unknown, name = 'value'): SharedScalar {
  const code = CODES[typecode];
  if (code.kind === 'float') {
    if (typeof value === 'number') return value;
    if (typeof value === 'bigint') return Number(value);
    throw invalidArgument(name, `must be a number for type code '${typecode}'`, value, 'type');
  }
  if (typeof value === 'bigint') {
    const wrapped = code.signed ? BigInt.asIntN(code.bits, value) : BigInt.asUintN(code.bits, value);
    return code.kind === 'bigint' ? wrapped : Number(wrapped);
  }
  if (typeof value === 'number' && Number.isInteger(value)) {
    return code.kind === 'bigint' ? BigInt(value) : value;
  }
  throw invalidArgument(name, `must be an integer for type code '${typecode}'`, value, 'type');
}
