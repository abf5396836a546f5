/**
 * The objects a {@link Manager} serves: a value, a dict and a list whose state lives in the
 * manager's context, reached from every other context (thread or process) through the router,
 * like Python's manager proxies. Every method returns a Promise; what goes in is copied, and
 * what comes out is the caller's own copy.
 */
import { DictState } from '../channels/dict-state';
import { ListState } from '../channels/list-state';
import type { PrimitiveInfo } from '../context/identity';
import type { Caller, Served } from '../context/served';
import { emitTrace, nowUs, tracingActive } from '../context/trace-out';
import { registerReviver, type WireForm } from '../context/wire';
import { summarizeArgs } from '../trace';
import { infoFromWire, ownInfo, ownedState, Primitive, serveFromHere } from './base';
import { decodeItem, encodeItem } from './item-codec';

/** The owner's state of a managed value: `get` and `set`, each traced with the caller as actor. */
export class ManagedValueState implements Served {
  constructor(
    readonly info: PrimitiveInfo,
    private value: unknown,
  ) {}

  serve(op: string, args: readonly unknown[], caller: Caller): unknown {
    if (op === 'get') {
      this.trace('value-read', this.value, caller);
      return this.value;
    }
    if (op === 'set') {
      this.value = args[0];
      this.trace('value-write', this.value, caller);
      return undefined;
    }
    throw new TypeError(`${this.info.name} has no operation "${String(op)}"`);
  }

  private trace(type: 'value-read' | 'value-write', value: unknown, caller: Caller): void {
    if (!tracingActive()) return;
    const { objectId, kind, name } = this.info;
    emitTrace({
      type,
      ts: nowUs(),
      pid: caller.pid,
      tid: caller.tid,
      objectId,
      kind,
      name,
      value: typeof value === 'number' ? value : summarizeArgs([value]),
    });
  }
}

/** Base of managed objects: the owner's state here, or the way to it. */
abstract class Managed<S extends Served> extends Primitive {
  /** @internal */
  protected readonly state: S | null;

  protected constructor(stateOrWire: S | WireForm, type: abstract new (...args: never[]) => S) {
    if (stateOrWire instanceof type) {
      super(stateOrWire.info, 'owner');
      this.state = stateOrWire;
      serveFromHere(stateOrWire);
    } else {
      const wire = stateOrWire as WireForm;
      const state = ownedState(wire, type);
      super(infoFromWire(wire), state ? 'owner' : 'remote');
      this.state = state;
    }
  }

  /** @internal Performs `op`; arguments are copied in, the result copied out. */
  protected async op<R>(op: string, args: unknown[]): Promise<R> {
    const local = this.state !== null;
    const sent = args.map((arg, i) => encodeItem(arg, `args[${i}]`, local));
    return decodeItem<R>(await this.perform(this.state, op, sent), local);
  }
}

/** A value served by a Manager (Python's `Manager().Value`): any structured-cloneable value. */
export class ManagedValue<T = unknown> extends Managed<ManagedValueState> {
  /** @internal Made by `Manager.value()` or revived from a wire form. */
  constructor(stateOrWire: ManagedValueState | WireForm) {
    super(stateOrWire, ManagedValueState);
  }

  /** The current value (a read: another context may change it right after). */
  get(): Promise<T> {
    return this.op<T>('get', []);
  }

  /** Replaces the value. `get` then `set` is not atomic: hold a lock around both. */
  set(value: T): Promise<void> {
    return this.op<void>('set', [value]);
  }

  protected override wireMeta(): Record<string, unknown> {
    // Tells it apart from a shared-memory Value, whose wire forms share the kind.
    return { managed: true };
  }
}

/** A dict served by a Manager (Python's `Manager().dict()`), with string keys. */
export class ManagedDict<V = unknown> extends Managed<DictState> {
  /** @internal Made by `Manager.dict()` or revived from a wire form. */
  constructor(stateOrWire: DictState | WireForm) {
    super(stateOrWire, DictState);
  }

  /** The value at `key`, or `fallback` when there is none. */
  get(key: string, fallback?: V): Promise<V | undefined> {
    return this.op('get', [key, fallback]);
  }
  set(key: string, value: V): Promise<void> {
    return this.op('set', [key, value]);
  }
  /** Removes `key`; true when it was there. */
  delete(key: string): Promise<boolean> {
    return this.op('delete', [key]);
  }
  has(key: string): Promise<boolean> {
    return this.op('has', [key]);
  }
  keys(): Promise<string[]> {
    return this.op('keys', []);
  }
  values(): Promise<V[]> {
    return this.op('values', []);
  }
  entries(): Promise<[string, V][]> {
    return this.op('entries', []);
  }
  size(): Promise<number> {
    return this.op('size', []);
  }
  clear(): Promise<void> {
    return this.op('clear', []);
  }
  /** Sets every pair of `source` (an object or `[key, value]` pairs), all or nothing. */
  update(source: Record<string, V> | [string, V][]): Promise<void> {
    return this.op('update', [source]);
  }
}

/** A list served by a Manager (Python's `Manager().list()`); negative indexes count from the end. */
export class ManagedList<T = unknown> extends Managed<ListState> {
  /** @internal Made by `Manager.list()` or revived from a wire form. */
  constructor(stateOrWire: ListState | WireForm) {
    super(stateOrWire, ListState);
  }

  get(index: number): Promise<T> {
    return this.op('get', [index]);
  }
  set(index: number, value: T): Promise<void> {
    return this.op('set', [index, value]);
  }
  append(value: T): Promise<void> {
    return this.op('append', [value]);
  }
  insert(index: number, value: T): Promise<void> {
    return this.op('insert', [index, value]);
  }
  /** Removes and returns the item at `index` (default: the last). */
  pop(index?: number): Promise<T> {
    return this.op('pop', index === undefined ? [] : [index]);
  }
  length(): Promise<number> {
    return this.op('length', []);
  }
  /** A copy of the items from `start` to `end` (all by default). */
  slice(start?: number, end?: number): Promise<T[]> {
    return this.op('slice', [start, end]);
  }
  extend(values: T[]): Promise<void> {
    return this.op('extend', [values]);
  }
  /** Removes the first item equal to `value` (RangeError when there is none). */
  remove(value: T): Promise<void> {
    return this.op('remove', [value]);
  }
  index(value: T, start?: number, end?: number): Promise<number> {
    return this.op('index', [value, start, end]);
  }
  count(value: T): Promise<number> {
    return this.op('count', [value]);
  }
  clear(): Promise<void> {
    return this.op('clear', []);
  }
}

/** Creates the states (used by Manager). */
export function newManagedValue<T>(initial: T, name?: string): ManagedValue<T> {
  return new ManagedValue<T>(
    new ManagedValueState(ownInfo('value', name), encodeItem(initial, 'initial', true)),
  );
}

registerReviver('dict', (wire) => new ManagedDict(wire));
registerReviver('list', (wire) => new ManagedList(wire));
