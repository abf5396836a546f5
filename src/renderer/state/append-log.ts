/**
 * An immutable list that only grows at the end, optionally keeping only its newest `cap`
 * items. Versions share one array: a version is a window `[start, end)` on it, so appending
 * to the newest version pushes in place and costs O(1), and older versions keep reading their
 * own window. Appending to a version that is not the newest copies its window first, so no
 * version ever sees another's appends (the same trick as a Go slice's capacity).
 */
export class AppendLog<T> {
  private readonly _items: T[];
  private readonly _start: number;
  private readonly _end: number;
  /** Items ever appended along this version's history, including those dropped by the cap. */
  readonly total: number;
  /** Most items kept (oldest dropped first); Infinity for no limit. */
  readonly cap: number;

  private constructor(items: T[], start: number, end: number, total: number, cap: number) {
    this._items = items;
    this._start = start;
    this._end = end;
    this.total = total;
    this.cap = cap;
  }

  /** An empty log keeping at most `cap` items (RangeError unless a positive integer or Infinity). */
  static empty<T>(cap = Infinity): AppendLog<T> {
    if (!(cap === Infinity || (Number.isInteger(cap) && cap > 0))) {
      throw new RangeError(`Invalid argument "cap": must be a positive integer or Infinity, got ${cap}`);
    }
    return new AppendLog<T>([], 0, 0, 0, cap);
  }

  /** Items kept. */
  get length(): number {
    return this._end - this._start;
  }

  /** Items dropped by the cap so far. */
  get dropped(): number {
    return this.total - this.length;
  }

  /** Item `i` (0 = oldest kept), or undefined out of range. */
  at(i: number): T | undefined {
    return i >= 0 && i < this.length ? this._items[this._start + i] : undefined;
  }

  /** The items from `from` (0 = oldest kept) to the end, as a new array. */
  slice(from = 0): T[] {
    return this._items.slice(this._start + Math.max(0, from), this._end);
  }

  *[Symbol.iterator](): Generator<T> {
    for (let i = this._start; i < this._end; i++) yield this._items[i]!;
  }

  /** This log with `items` appended (the same log when `items` is empty). */
  append(items: readonly T[]): AppendLog<T> {
    if (items.length === 0) return this;
    let array = this._items;
    let start = this._start;
    if (this._end !== array.length) {
      // Another version already appended past our end: continue on a copy of our window.
      array = array.slice(start, this._end);
      start = 0;
    }
    for (const item of items) array.push(item);
    const end = array.length;
    if (end - start > this.cap) start = end - this.cap;
    // Compact once the dropped head outweighs what is kept, so memory stays O(cap). Older
    // versions keep the old array, untouched.
    if (start > 0 && start >= end - start) {
      array = array.slice(start);
      return new AppendLog(array, 0, array.length, this.total + items.length, this.cap);
    }
    return new AppendLog(array, start, end, this.total + items.length, this.cap);
  }
}
