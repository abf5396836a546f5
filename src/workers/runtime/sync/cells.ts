/**
 * Value and Array elements wherever they are: a typed array (over a SharedArrayBuffer, or over a
 * mapped segment in Node), or a segment block through the addon's calls (shm/shm-cells.ts).
 */
import type { SharedScalar, SharedView } from './typecodes';

/** Plain (non-atomic) element reads and writes. */
export interface CellStore {
  read(index: number): SharedScalar;
  write(index: number, value: SharedScalar): void;
}

/** Index access to any typed array (the union of typed arrays cannot be indexed for writes). */
type View = { [index: number]: SharedScalar };

/** Elements of a typed array. */
export class ViewCells implements CellStore {
  private readonly view: View;

  constructor(view: SharedView) {
    this.view = view as View;
  }

  read(index: number): SharedScalar {
    return this.view[index]!;
  }

  write(index: number, value: SharedScalar): void {
    this.view[index] = value;
  }
}
