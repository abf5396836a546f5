import { afterEach, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../src/shared/trace-schema';
import { newPrimitiveInfo, tagOf } from '../../../../src/workers/runtime/context/identity';
import { flushTrace } from '../../../../src/workers/runtime/context/trace-out';
import { TYPE_CODES } from '../../../../src/workers/runtime/sync/typecodes';
import { ArrayCore, ValueCore } from '../../../../src/workers/runtime/sync/value-core';
import { setTraceSink } from '../../../../src/workers/runtime/trace';
import { setShmForNewPrimitives } from '../../../../src/workers/runtime/shm/arena';

// These tests drive the SharedArrayBuffer memory that threads share through workerData; the same
// cores on segment memory, across processes, are tested in tests/workers/runtime/shm/.
setShmForNewPrimitives(false);

const value = (code: unknown, initial?: unknown): ValueCore =>
  ValueCore.create(newPrimitiveInfo('value'), code, initial);
const array = (code: unknown, sizeOrValues: unknown): ArrayCore =>
  ArrayCore.create(newPrimitiveInfo('array'), code, sizeOrValues);
const caller = { address: '888007.0', pid: 888007, tid: 0, tag: tagOf('888007.0') };

afterEach(() => setTraceSink(null));

describe('ValueCore', () => {
  it('stores every Python type code, 64-bit integers (q Q l L) as bigint', () => {
    expect(TYPE_CODES).toEqual(['b', 'B', 'h', 'H', 'i', 'I', 'l', 'L', 'q', 'Q', 'f', 'd']);
    expect(value('i', 42).get()).toBe(42);
    expect(value('d', 0.1).get()).toBe(0.1);
    expect(value('f', 0.1).get()).toBeCloseTo(0.1, 6);
    expect(value('q', 2n ** 62n).get()).toBe(2n ** 62n);
    expect(value('l', 5).get()).toBe(5n);
    expect(value('Q', -1n).get()).toBe(2n ** 64n - 1n);
    expect(value('B').get()).toBe(0);
  });

  it('wraps integers like ctypes and refuses non-integers for integer codes', () => {
    const v = value('b', 127);
    v.set(128);
    expect(v.get()).toBe(-128);
    expect(value('I', -1).get()).toBe(2 ** 32 - 1);
    expect(value('h', 70_000n).get()).toBe(70_000 - 65_536);
    expect(() => v.set(1.5)).toThrow(TypeError);
    expect(() => v.set('1')).toThrow(/"value"/);
    expect(() => value('i', Number.NaN)).toThrow(/"initial"/);
    expect(() => value('x')).toThrow(RangeError);
    expect(() => value(3)).toThrow(TypeError);
  });

  it('is the same memory when revived from its SharedArrayBuffer', () => {
    const v = value('i', 1);
    const other = ValueCore.fromShared(v.sab!, v.info);
    expect(other.typecode).toBe('i');
    other.set(7);
    expect(v.get()).toBe(7);
  });

  it('serves get and set', () => {
    const v = value('d', 1);
    expect(v.serve('set', [2.5], caller)).toBeNull();
    expect(v.serve('get', [], caller)).toBe(2.5);
    expect(() => v.serve('add', [], caller)).toThrow(TypeError);
  });

  it('traces reads and writes with the actor (64-bit values as text)', () => {
    const events: TraceEvent[] = [];
    setTraceSink((batch) => events.push(...batch));
    const v = value('i', 0);
    const big = value('q', 0);
    v.set(3, { pid: 9, tid: 1 });
    v.get({ pid: 9, tid: 1 });
    big.set(5n);
    flushTrace();
    expect(events.filter((e) => e.type === 'value-write' || e.type === 'value-read')).toMatchObject([
      { type: 'value-write', value: 3, pid: 9, tid: 1, objectId: v.info.objectId },
      { type: 'value-read', value: 3 },
      { type: 'value-write', value: '5n', objectId: big.info.objectId },
    ]);
  });
});

describe('ArrayCore', () => {
  it('is made from a size (zeros) or from values', () => {
    expect(array('i', 3).slice()).toEqual([0, 0, 0]);
    expect(array('d', [1.5, 2.5]).slice()).toEqual([1.5, 2.5]);
    expect(array('q', [1, 2n]).slice()).toEqual([1n, 2n]);
    expect(array('i', 0).length).toBe(0);
    expect(() => array('i', -1)).toThrow(/"size"/);
    expect(() => array('i', [1, 'x'])).toThrow(/values\[1\]/);
    expect(() => array('i', {})).toThrow(TypeError);
  });

  it('reads and writes elements, negative indexes counting from the end (as Python)', () => {
    const a = array('i', [10, 20, 30]);
    expect(a.get(0)).toBe(10);
    expect(a.get(-1)).toBe(30);
    a.set(-3, 11);
    expect(a.get(0)).toBe(11);
    expect(() => a.get(3)).toThrow(RangeError);
    expect(() => a.get(3)).toThrow(/"index".*length 3/);
    expect(() => a.set(-4, 0)).toThrow(RangeError);
    expect(() => a.get(1.5)).toThrow(TypeError);
  });

  it('slices like Array.prototype.slice and assigns runs of values', () => {
    const a = array('h', [1, 2, 3, 4, 5]);
    expect(a.slice(1, 3)).toEqual([2, 3]);
    expect(a.slice(-2)).toEqual([4, 5]);
    expect(a.slice(4, 1)).toEqual([]);
    a.assign(1, [20, 30]);
    expect(a.slice()).toEqual([1, 20, 30, 4, 5]);
    expect(() => a.assign(4, [1, 2])).toThrow(/"values"/);
    expect(a.slice()).toEqual([1, 20, 30, 4, 5]);
  });

  it('is the same memory when revived from its SharedArrayBuffer', () => {
    const a = array('Q', 2);
    const other = ArrayCore.fromShared(a.sab!, a.info);
    expect(other.length).toBe(2);
    other.set(1, 9n);
    expect(a.get(1)).toBe(9n);
  });

  it('serves get, set, length, slice and assign', () => {
    const a = array('i', 4);
    a.serve('set', [0, 5], caller);
    a.serve('assign', [1, [6, 7]], caller);
    expect(a.serve('get', [-1], caller)).toBe(0);
    expect(a.serve('length', [], caller)).toBe(4);
    expect(a.serve('slice', [0, 3], caller)).toEqual([5, 6, 7]);
    expect(() => a.serve('get', ['0'], caller)).toThrow(TypeError);
    expect(() => a.serve('assign', [0, 'xy'], caller)).toThrow(TypeError);
  });
});
