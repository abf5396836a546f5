/**
 * Value and Array elements in a segment block: the same layout as their SharedArrayBuffer memory
 * (typecodes.ts: an 8-byte header naming type code and length, then the elements). Where V8 may
 * address the mapping (Node) they are a typed array over it; elsewhere (Electron) every access
 * is an addon call. Either way plain, non-atomic accesses, like a ctypes field in Python's
 * shared memory.
 */
import { ViewCells, type CellStore } from '../sync/cells';
import {
  HEADER_BYTES,
  TYPE_CODES,
  layoutOf,
  scratchOf,
  viewAt,
  type SharedScalar,
  type TypeCode,
} from '../sync/typecodes';
import { allocateShm, attachShm, mappedBuffer, type ShmBlock, type ShmPlace } from './arena';
import { CELL_KIND, type CellKind, type ShmNative } from './shm-native';

const KINDS: Record<TypeCode, CellKind> = {
  b: CELL_KIND.i8,
  B: CELL_KIND.u8,
  h: CELL_KIND.i16,
  H: CELL_KIND.u16,
  i: CELL_KIND.i32,
  I: CELL_KIND.u32,
  l: CELL_KIND.i64,
  L: CELL_KIND.u64,
  q: CELL_KIND.i64,
  Q: CELL_KIND.u64,
  f: CELL_KIND.f32,
  d: CELL_KIND.f64,
};

/** The elements of one Value or Array in a segment block. */
export interface SegmentCells {
  place: ShmPlace;
  typecode: TypeCode;
  length: number;
  cells: CellStore;
}

/** Elements through the addon's calls. */
class CallCells implements CellStore {
  private readonly native: ShmNative;
  private readonly seg: number;
  private readonly data: number;
  private readonly bytes: number;
  private readonly kind: CellKind;
  private readonly scratch: { [index: number]: SharedScalar };

  constructor(block: ShmBlock, typecode: TypeCode) {
    this.native = block.native;
    this.seg = block.seg;
    this.data = block.place.offset + HEADER_BYTES;
    this.bytes = layoutOf(typecode).bytes;
    this.kind = KINDS[typecode];
    this.scratch = scratchOf(typecode);
  }

  read(index: number): SharedScalar {
    return this.native.getCell(this.seg, this.data + index * this.bytes, this.kind);
  }

  /** Stores `value` (already checked by toStored) exactly as a typed array element would hold it. */
  write(index: number, value: SharedScalar): void {
    this.scratch[0] = value;
    this.native.setCell(this.seg, this.data + index * this.bytes, this.kind, this.scratch[0]!);
  }
}

function cellsOf(block: ShmBlock, typecode: TypeCode, length: number): SegmentCells {
  const buffer = mappedBuffer(block);
  const cells =
    buffer !== null
      ? new ViewCells(viewAt(typecode, buffer, block.place.offset + HEADER_BYTES, length))
      : new CallCells(block, typecode);
  return { place: block.place, typecode, length, cells };
}

/** A new zeroed block for `length` elements of `typecode`; null where segments are not used. */
export function newSegmentCells(typecode: TypeCode, length: number): SegmentCells | null {
  const { index, bytes } = layoutOf(typecode);
  const block = allocateShm(HEADER_BYTES + Math.max(1, length) * bytes);
  if (block === null) return null;
  block.native.store(block.seg, block.place.offset, index);
  block.native.store(block.seg, block.place.offset + 4, length);
  return cellsOf(block, typecode, length);
}

/** The elements a wire form's block holds, mapped here; null when this context cannot map it. */
export function attachSegmentCells(place: unknown): SegmentCells | null {
  const block = attachShm(place);
  if (block === null) return null;
  const typecode = TYPE_CODES[block.native.load(block.seg, block.place.offset)];
  const length = block.native.load(block.seg, block.place.offset + 4);
  const end =
    block.place.offset + HEADER_BYTES + Math.max(1, length) * (typecode ? layoutOf(typecode).bytes : 0);
  if (typecode === undefined || length < 0 || end > block.place.bytes) return null;
  return cellsOf(block, typecode, length);
}
