/**
 * `Value` and `SharedArray` (also exported as `Array`): Python's multiprocessing Value and Array,
 * typed numbers in shared memory (sync/value-core.ts) with the type codes of Python's `array`
 * module. Reads and writes are plain memory accesses: `v.set(await v.get() + 1)` from two
 * contexts loses updates exactly as `v.value += 1` does in Python — the lesson of the shared
 * counter — unless it runs under `v.getLock()`.
 */
import { fromWire, registerReviver, TO_WIRE, type Boundary, type WireForm } from '../context/wire';
import { invalidOption } from '../errors';
import { ArrayCore, ValueCore } from '../sync/value-core';
import { checkTypeCode, toStored, type SharedScalar, type TypeCode } from '../sync/typecodes';
import { infoFromWire, ownInfo, Primitive, serveFromHere } from './base';
import { Lock, RLock } from './lock';
import { ManagedValue } from './managed';
import { resolveCore } from './shared-state';

/** Options of `new Value(...)` and `new SharedArray(...)`. */
export interface SharedOptions {
  /**
   * `true` (default): a new RLock guards it (`getLock()`), as Python's `lock=True`; `false`: no
   * lock; or a Lock/RLock of your own.
   */
  lock?: boolean | Lock;
  name?: string;
}

function makeLock(lock: unknown): Lock | null {
  if (lock === undefined || lock === true) return new RLock();
  if (lock === false) return null;
  if (lock instanceof Lock) return lock;
  throw invalidOption('lock', 'must be true, false, or a Lock/RLock', lock, 'type');
}

function notLocal(name: string, what: string): TypeError {
  return new TypeError(
    `${name}.${what} works only where its memory is (the creating process and its threads, or ` +
      'any process that maps it where the shm addon is built); ' +
      'use `await get()` / `await set(v)`, which work everywhere',
  );
}

/** Common part of Value and SharedArray: the lock and the wire form. */
abstract class SharedNumbers<C extends ValueCore | ArrayCore> extends Primitive {
  /** @internal */
  protected readonly core: C | null;
  private readonly lock: Lock | null;
  /** The type code, also where the memory is not (from the wire form): to check writes here. */
  protected readonly code: TypeCode | undefined;

  protected constructor(
    created: { core: C; lock: unknown } | { wire: WireForm; type: typeof ValueCore | typeof ArrayCore },
  ) {
    if ('wire' in created) {
      const { wire } = created;
      const info = infoFromWire(wire);
      const { mode, core } = resolveCore(wire, info, created.type as unknown as typeof ValueCore);
      super(info, mode, wire.sab ?? core?.sab, core?.shm ?? wire.shm);
      this.core = core as C | null;
      const lockWire = wire.meta?.lock as WireForm | undefined;
      this.lock = lockWire === undefined ? null : (fromWire(lockWire) as unknown as Lock);
      const code = core?.typecode ?? wire.meta?.typecode;
      this.code = typeof code === 'string' ? checkTypeCode(code) : undefined;
      return;
    }
    super(created.core.info, 'owner', created.core.sab, created.core.shm);
    this.core = created.core;
    this.code = created.core.typecode;
    this.lock = makeLock(created.lock);
    serveFromHere(created.core);
  }

  /** The type code ('i', 'd', …). */
  get typecode(): TypeCode | undefined {
    return this.core?.typecode ?? this.code;
  }

  /** The lock that guards it (Python's `get_lock()`). TypeError when created with `lock: false`. */
  getLock(): Lock {
    if (this.lock === null) throw new TypeError(`${this.name} was created with lock: false: it has no lock`);
    return this.lock;
  }

  protected override wireMeta(boundary: Boundary): Record<string, unknown> | undefined {
    const meta: Record<string, unknown> = {};
    if (this.code !== undefined) meta.typecode = this.code;
    if (this.lock !== null) meta.lock = this.lock[TO_WIRE](boundary);
    return meta;
  }
}

/** Python's `multiprocessing.Value(typecode, value)`: one typed number in shared memory. */
export class Value extends SharedNumbers<ValueCore> {
  /** `new Value('i', 0)`. `wire` is internal (reviving a value from another context). */
  constructor(typecode: TypeCode, initial: SharedScalar = 0, options: SharedOptions = {}, wire?: WireForm) {
    if (wire !== undefined) {
      super({ wire, type: ValueCore });
      return;
    }
    super({ core: ValueCore.create(ownInfo('value', options.name), typecode, initial), lock: options.lock });
  }

  /** Reads the value (a plain read, as Python's `v.value`). */
  async get(): Promise<SharedScalar> {
    if (this.core !== null) return this.core.get();
    return (await this.remote('get', [])) as SharedScalar;
  }

  /**
   * Writes the value (a plain write: `get` then `set` is not atomic). In another process the
   * write is one-way: checked here, it resolves at once, and the owner performs it before
   * anything this context does next (a later `get` from here sees it).
   */
  async set(value: SharedScalar): Promise<void> {
    if (this.core !== null) this.core.set(value);
    else if (this.code === undefined) await this.remote('set', [value]);
    else {
      // The owner's check, done here: what it would refuse is refused now, not later.
      toStored(this.code, value);
      await this.remoteOneWay('set', [value]);
    }
  }

  /** Synchronous read/write where the memory is (the creating process and its threads). */
  get value(): SharedScalar {
    if (this.core === null) throw notLocal(this.name, 'value');
    return this.core.get();
  }

  set value(value: SharedScalar) {
    if (this.core === null) throw notLocal(this.name, 'value');
    this.core.set(value);
  }
}

/** Python's `multiprocessing.Array(typecode, sizeOrValues)`: typed numbers in shared memory. */
export class SharedArray extends SharedNumbers<ArrayCore> {
  /** `new SharedArray('d', 10)` or `new SharedArray('i', [1, 2, 3])`. `wire` is internal. */
  constructor(
    typecode: TypeCode,
    sizeOrValues: number | readonly SharedScalar[],
    options: SharedOptions = {},
    wire?: WireForm,
  ) {
    if (wire !== undefined) {
      super({ wire, type: ArrayCore });
      return;
    }
    super({
      core: ArrayCore.create(ownInfo('array', options.name), typecode, sizeOrValues),
      lock: options.lock,
    });
  }

  /** Number of elements. */
  async length(): Promise<number> {
    if (this.core !== null) return this.core.length;
    return (await this.remote('length', [])) as number;
  }

  /** Element `index` (negative counts from the end). */
  async get(index: number): Promise<SharedScalar> {
    if (this.core !== null) return this.core.get(index);
    return (await this.remote('get', [index])) as SharedScalar;
  }

  /** Writes element `index` (a plain write). */
  async set(index: number, value: SharedScalar): Promise<void> {
    if (this.core !== null) this.core.set(index, value);
    else await this.remote('set', [index, value]);
  }

  /** A copy of elements `start` to `end` (all by default). */
  async slice(start?: number, end?: number): Promise<SharedScalar[]> {
    if (this.core !== null) return this.core.slice(start, end);
    return (await this.remote('slice', [start, end])) as SharedScalar[];
  }

  /** Writes `values` from element `start` on. */
  async assign(start: number, values: readonly SharedScalar[]): Promise<void> {
    if (this.core !== null) this.core.assign(start, values);
    else await this.remote('assign', [start, [...values]]);
  }
}

registerReviver('value', (wire) =>
  wire.meta?.managed === true ? new ManagedValue(wire) : new Value('i', 0, {}, wire),
);
registerReviver('array', (wire) => new SharedArray('i', 0, {}, wire));
