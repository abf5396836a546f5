/**
 * State of Value and Array (Python's `multiprocessing.Value`/`Array`): typed storage in shared
 * memory (see typecodes.ts), a segment block any process maps where the addon is available
 * (shm/shm-cells.ts), else a SharedArrayBuffer of the owner's process. Reads and writes are plain memory accesses, NOT
 * atomic read-modify-writes: `v.set(v.get() + 1)` from two threads can lose an update exactly as
 * `v.value += 1` does in Python. Synchronisation is the lock's job (the public class's
 * `getLock()`), not the storage's.
 *
 * Served ops, Value (args are plain data):
 * | op    | args    | result   |
 * | ----- | ------- | -------- |
 * | `get` | `[]`    | value    |
 * | `set` | `[v]`   | `null`   |
 *
 * Served ops, Array (indexes may be negative, counting from the end, as in Python):
 * | op       | args              | result            |
 * | -------- | ----------------- | ----------------- |
 * | `get`    | `[i]`             | value             |
 * | `set`    | `[i, v]`          | `null`            |
 * | `length` | `[]`              | `number`          |
 * | `slice`  | `[start?, end?]`  | values (as `Array.prototype.slice`) |
 * | `assign` | `[start, values]` | `null`            |
 */
import type { Actor } from '../../../shared/trace-schema';
import { selfActor, type PrimitiveInfo } from '../context/identity';
import { NO_WAITING_OPS, type Caller, type Served } from '../context/served';
import { invalidArgument } from '../errors';
import { unknownOp } from './sync-errors';
import { traceValue } from './sync-trace';
import { allocate, checkTypeCode, toStored, viewOf, type SharedScalar, type TypeCode } from './typecodes';
import { attachSegmentCells, newSegmentCells, type SegmentCells } from '../shm/shm-cells';
import type { ShmPlace } from '../shm/arena';
import { ViewCells, type CellStore } from './cells';

/** Where elements are, and how many of which type: from a SAB, or from segment cells. */
interface Storage {
  sab: SharedArrayBuffer | undefined;
  shm: ShmPlace | undefined;
  typecode: TypeCode;
  length: number;
  cells: CellStore;
}

function sabStorage(sab: SharedArrayBuffer): Storage {
  const { typecode, length, view } = viewOf(sab);
  return { sab, shm: undefined, typecode, length, cells: new ViewCells(view) };
}

function shmStorage({ place, typecode, length, cells }: SegmentCells): Storage {
  return { sab: undefined, shm: place, typecode, length, cells };
}

/** New storage for `length` elements: a segment block where available, else a SAB. */
function newStorage(typecode: TypeCode, length: number): Storage {
  const cells = newSegmentCells(typecode, length);
  return cells !== null ? shmStorage(cells) : sabStorage(allocate(typecode, length));
}

/** Storage revived from a segment block; null when this context cannot map it. */
function attachedStorage(place: unknown): Storage | null {
  const cells = attachSegmentCells(place);
  return cells === null ? null : shmStorage(cells);
}

/** One shared number. */
export class ValueCore implements Served {
  /** No op waits (see Served). */
  readonly waitingOps = NO_WAITING_OPS;
  readonly info: PrimitiveInfo;
  /** SAB memory: hand it to a thread of this process for {@link ValueCore.fromShared}. */
  readonly sab: SharedArrayBuffer | undefined;
  /** Segment memory: any context revives it with {@link ValueCore.fromShm}. */
  readonly shm: ShmPlace | undefined;
  readonly typecode: TypeCode;
  private readonly cells: CellStore;

  private constructor(info: PrimitiveInfo, storage: Storage) {
    this.info = info;
    this.sab = storage.sab;
    this.shm = storage.shm;
    this.typecode = storage.typecode;
    this.cells = storage.cells;
  }

  /** New value of `typecode`, initially `initial` (default 0). */
  static create(info: PrimitiveInfo, typecode: unknown, initial: unknown = 0): ValueCore {
    const code = checkTypeCode(typecode);
    const stored = toStored(code, initial, 'initial');
    const core = new ValueCore(info, newStorage(code, 1));
    core.cells.write(0, stored);
    return core;
  }

  /** The same value, in another thread of the owner's process. */
  static fromShared(sab: SharedArrayBuffer, info: PrimitiveInfo): ValueCore {
    return new ValueCore(info, sabStorage(sab));
  }

  /** The same value in any context that can map its segment block; null when this one cannot. */
  static fromShm(place: unknown, info: PrimitiveInfo): ValueCore | null {
    const storage = attachedStorage(place);
    return storage === null ? null : new ValueCore(info, storage);
  }

  /** Reads the value (a plain read). */
  get(actor: Actor = selfActor): SharedScalar {
    const value = this.cells.read(0);
    traceValue('value-read', this.info, actor, value);
    return value;
  }

  /** Writes the value (a plain write; integers wrap as in ctypes). */
  set(value: unknown, actor: Actor = selfActor): void {
    const stored = toStored(this.typecode, value);
    this.cells.write(0, stored);
    traceValue('value-write', this.info, actor, stored);
  }

  /** Performs an op for a (possibly remote) caller; see the op table in the module docs. */
  serve(op: string, args: readonly unknown[], caller: Caller): unknown {
    switch (op) {
      case 'get':
        return this.get(caller);
      case 'set':
        this.set(args[0], caller);
        return null;
      default:
        throw unknownOp(this.info.name, op);
    }
  }
}

/** A fixed-length shared array of numbers. */
export class ArrayCore implements Served {
  /** No op waits (see Served). */
  readonly waitingOps = NO_WAITING_OPS;
  readonly info: PrimitiveInfo;
  /** SAB memory: hand it to a thread of this process for {@link ArrayCore.fromShared}. */
  readonly sab: SharedArrayBuffer | undefined;
  /** Segment memory: any context revives it with {@link ArrayCore.fromShm}. */
  readonly shm: ShmPlace | undefined;
  readonly typecode: TypeCode;
  readonly length: number;
  private readonly cells: CellStore;

  private constructor(info: PrimitiveInfo, storage: Storage) {
    this.info = info;
    this.sab = storage.sab;
    this.shm = storage.shm;
    this.typecode = storage.typecode;
    this.length = storage.length;
    this.cells = storage.cells;
  }

  /** New array: `sizeOrValues` zeros, or a copy of the values (Python's `Array(typecode, …)`). */
  static create(info: PrimitiveInfo, typecode: unknown, sizeOrValues: unknown): ArrayCore {
    const code = checkTypeCode(typecode);
    if (typeof sizeOrValues === 'number') {
      if (!Number.isInteger(sizeOrValues) || sizeOrValues < 0 || sizeOrValues > 0x7fffffff) {
        throw invalidArgument('size', 'must be an integer >= 0', sizeOrValues, 'range');
      }
      return new ArrayCore(info, newStorage(code, sizeOrValues));
    }
    if (sizeOrValues === null || typeof sizeOrValues !== 'object' || !(Symbol.iterator in sizeOrValues)) {
      throw invalidArgument('sizeOrValues', 'must be a size or an iterable of numbers', sizeOrValues, 'type');
    }
    const values = Array.from(sizeOrValues as Iterable<unknown>, (v, i) => toStored(code, v, `values[${i}]`));
    const core = new ArrayCore(info, newStorage(code, values.length));
    for (let i = 0; i < values.length; i++) core.cells.write(i, values[i]!);
    return core;
  }

  /** The same array, in another thread of the owner's process. */
  static fromShared(sab: SharedArrayBuffer, info: PrimitiveInfo): ArrayCore {
    return new ArrayCore(info, sabStorage(sab));
  }

  /** The same array in any context that can map its segment block; null when this one cannot. */
  static fromShm(place: unknown, info: PrimitiveInfo): ArrayCore | null {
    const storage = attachedStorage(place);
    return storage === null ? null : new ArrayCore(info, storage);
  }

  /** `index` as a position: negative counts from the end; RangeError naming it when outside. */
  private position(index: unknown): number {
    if (typeof index !== 'number' || !Number.isInteger(index)) {
      throw invalidArgument('index', 'must be an integer', index, 'type');
    }
    const at = index < 0 ? index + this.length : index;
    if (at < 0 || at >= this.length) {
      throw invalidArgument(
        'index',
        `is out of range for "${this.info.name}" of length ${this.length}`,
        index,
        'range',
      );
    }
    return at;
  }

  /** Reads element `index` (a plain read). */
  get(index: number, actor: Actor = selfActor): SharedScalar {
    const at = this.position(index);
    const value = this.cells.read(at);
    traceValue('value-read', this.info, actor, value, at);
    return value;
  }

  /** Writes element `index` (a plain write). */
  set(index: number, value: unknown, actor: Actor = selfActor): void {
    const at = this.position(index);
    const stored = toStored(this.typecode, value);
    this.cells.write(at, stored);
    traceValue('value-write', this.info, actor, stored, at);
  }

  /** Copies elements `start` to `end` (exclusive; defaults and negatives as `Array.prototype.slice`). */
  slice(start?: number, end?: number, actor: Actor = selfActor): SharedScalar[] {
    const from = clampIndex(start, 0, this.length, 'start');
    const to = clampIndex(end, this.length, this.length, 'end');
    const out: SharedScalar[] = [];
    for (let i = from; i < to; i++) out.push(this.cells.read(i));
    traceValue('value-read', this.info, actor, `${out.length} items`, from);
    return out;
  }

  /** Writes `values` from position `start` on (Python's `arr[start:start+n] = values`). */
  assign(start: number, values: Iterable<unknown>, actor: Actor = selfActor): void {
    const items = Array.from(values, (v, i) => toStored(this.typecode, v, `values[${i}]`));
    const at = items.length === 0 ? clampIndex(start, 0, this.length, 'start') : this.position(start);
    if (at + items.length > this.length) {
      throw invalidArgument(
        'values',
        `do not fit: ${items.length} from index ${at} of ${this.length}`,
        items.length,
        'range',
      );
    }
    for (let i = 0; i < items.length; i++) this.cells.write(at + i, items[i]!);
    traceValue('value-write', this.info, actor, `${items.length} items`, at);
  }

  /** Performs an op for a (possibly remote) caller; see the op table in the module docs. */
  serve(op: string, args: readonly unknown[], caller: Caller): unknown {
    switch (op) {
      case 'get':
        return this.get(args[0] as number, caller);
      case 'set':
        this.set(args[0] as number, args[1], caller);
        return null;
      case 'length':
        return this.length;
      case 'slice':
        return this.slice(args[0] as number | undefined, args[1] as number | undefined, caller);
      case 'assign':
        if (!Array.isArray(args[1])) throw invalidArgument('values', 'must be an array', args[1], 'type');
        this.assign(args[0] as number, args[1] as unknown[], caller);
        return null;
      default:
        throw unknownOp(this.info.name, op);
    }
  }
}

/** A slice bound as `Array.prototype.slice` reads it (integers only). */
function clampIndex(value: number | undefined, fallback: number, length: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw invalidArgument(name, 'must be an integer', value, 'type');
  }
  return value < 0 ? Math.max(0, value + length) : Math.min(value, length);
}
