/**
 * Copy-on-write for one batch of the reducer: the base map is copied at most once, on the
 * first change, and each record at most once, the first time the batch touches it; after
 * that the batch mutates its own copies in place. So a batch of n events costs O(n) plus one
 * copy of each map it changes (the activity maps are small: one entry per actor, lock, queue).
 */
export class DraftMap<K, V> {
  private readonly _base: ReadonlyMap<K, V>;
  private readonly _clone: (value: V) => V;
  private _map: Map<K, V> | null = null;
  private readonly _own = new Set<K>();

  /** `clone` copies a record deeply enough that mutating the copy leaves the original alone. */
  constructor(base: ReadonlyMap<K, V>, clone: (value: V) => V) {
    this._base = base;
    this._clone = clone;
  }

  /** The current value (read-only: use {@link DraftMap.draft} to change it). */
  get(key: K): V | undefined {
    return (this._map ?? this._base).get(key);
  }

  /** Every current entry. */
  entries(): IterableIterator<[K, V]> {
    return (this._map ?? this._base).entries();
  }

  /** The record under `key`, owned by this batch (cloned, or made by `make`), to mutate freely. */
  draft(key: K, make: () => V): V {
    const map = (this._map ??= new Map(this._base));
    if (this._own.has(key)) return map.get(key)!;
    const prev = map.get(key);
    const value = prev === undefined ? make() : this._clone(prev);
    map.set(key, value);
    this._own.add(key);
    return value;
  }

  /** Replaces the value under `key`. */
  set(key: K, value: V): void {
    (this._map ??= new Map(this._base)).set(key, value);
    this._own.add(key);
  }

  /** Removes `key`. */
  delete(key: K): void {
    if (!(this._map ?? this._base).has(key)) return;
    (this._map ??= new Map(this._base)).delete(key);
    this._own.delete(key);
  }

  /** The result: the base itself when nothing changed. */
  result(): ReadonlyMap<K, V> {
    return this._map ?? this._base;
  }
}

/** A shallow copy, enough for records of plain fields. */
export function shallow<V extends object>(value: V): V {
  return { ...value };
}
