/**
 * An immutable map whose next version costs only what changed, not a copy of every entry.
 *
 * Why: the trace reducer used to copy its task map (`new Map(old)`) once per frame, which is
 * O(tasks) per frame while a long run streams in (a 200 000-task session spends milliseconds
 * per frame just copying). Here every version shares one store: each key keeps a short history
 * of `(version, value)` nodes, newest first, and a version reads the newest node not newer than
 * itself ("fat node" persistence). Writing a new version touches only the keys it sets.
 *
 * Versions are branch-safe: editing a version that is not the store's newest (an old state
 * reduced a second time) first forks the store, copying that version's entries, so no earlier
 * version ever sees a later write. The common case, always editing the newest, never forks.
 */

interface Node<V> {
  version: number;
  value: V;
  prev: Node<V> | null;
}

interface Store<K, V> {
  heads: Map<K, Node<V>>;
  /** The newest version written to (or claimed by an editor of) this store. */
  version: number;
}

/** A read-only version of a map; {@link VersionedMap.edit} makes the next one. */
export class VersionedMap<K, V> implements ReadonlyMap<K, V> {
  private readonly _store: Store<K, V>;
  private readonly _version: number;
  /** Entries visible in this version. */
  readonly size: number;

  private constructor(store: Store<K, V>, version: number, size: number) {
    this._store = store;
    this._version = version;
    this.size = size;
  }

  /** An empty map. */
  static empty<K, V>(): VersionedMap<K, V> {
    return new VersionedMap<K, V>({ heads: new Map(), version: 0 }, 0, 0);
  }

  /** A versioned copy of any map (used when a state was built by hand with a plain Map). */
  static from<K, V>(map: ReadonlyMap<K, V>): VersionedMap<K, V> {
    if (map instanceof VersionedMap) return map as VersionedMap<K, V>;
    const heads = new Map<K, Node<V>>();
    for (const [key, value] of map) heads.set(key, { version: 0, value, prev: null });
    return new VersionedMap<K, V>({ heads, version: 0 }, 0, heads.size);
  }

  private _node(key: K): Node<V> | null {
    let node = this._store.heads.get(key) ?? null;
    while (node !== null && node.version > this._version) node = node.prev;
    return node;
  }

  get(key: K): V | undefined {
    return this._node(key)?.value;
  }

  has(key: K): boolean {
    return this._node(key) !== null;
  }

  *entries(): MapIterator<[K, V]> {
    // The store's key order is first-insertion order, as a Map's is; keys born later are skipped.
    for (const key of this._store.heads.keys()) {
      const node = this._node(key);
      if (node !== null) yield [key, node.value];
    }
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  /** Starts the next version. Nothing is visible to anyone until {@link MapEditor.commit}. */
  edit(): MapEditor<K, V> {
    return new MapEditor(this._store, this._version, this.size, (store, version, size) =>
      size === this.size && version === this._version ? this : new VersionedMap(store, version, size),
    );
  }
}

/** A private copy of `store` as of `version` (only when a version other than the newest is edited). */
function fork<K, V>(store: Store<K, V>, version: number): Store<K, V> {
  const heads = new Map<K, Node<V>>();
  for (const [key, head] of store.heads) {
    let node: Node<V> | null = head;
    while (node !== null && node.version > version) node = node.prev;
    if (node !== null) heads.set(key, { version, value: node.value, prev: null });
  }
  return { heads, version };
}

type Seal<K, V> = (store: Store<K, V>, version: number, size: number) => VersionedMap<K, V>;

/** Writes one new version; reads see its own writes. Single use: commit once. */
export class MapEditor<K, V> {
  private _store: Store<K, V>;
  private readonly _base: number;
  private _size: number;
  private _claimed = false;
  private readonly _seal: Seal<K, V>;

  /** @internal Made by {@link VersionedMap.edit}. */
  constructor(store: Store<K, V>, base: number, size: number, seal: Seal<K, V>) {
    this._store = store;
    this._base = base;
    this._size = size;
    this._seal = seal;
  }

  private _version(): number {
    return this._base + 1;
  }

  /** The value as this edit sees it: its own writes, else the base version's. */
  get(key: K): V | undefined {
    let node = this._store.heads.get(key) ?? null;
    const limit = this._claimed ? this._version() : this._base;
    while (node !== null && node.version > limit) node = node.prev;
    return node?.value;
  }

  /** Sets `key` in the new version. */
  set(key: K, value: V): void {
    if (!this._claimed) {
      // Someone already wrote past our base: work on a private copy of the base version.
      if (this._store.version !== this._base) this._store = fork(this._store, this._base);
      this._store.version = this._version();
      this._claimed = true;
    }
    const version = this._version();
    const head = this._store.heads.get(key);
    if (head === undefined) {
      this._store.heads.set(key, { version, value, prev: null });
      this._size++;
    } else if (head.version === version) {
      head.value = value;
    } else {
      this._store.heads.set(key, { version, value, prev: head });
    }
  }

  /** The new version (the base itself when nothing was set). */
  commit(): VersionedMap<K, V> {
    return this._seal(this._store, this._claimed ? this._version() : this._base, this._size);
  }
}
