import { describe, expect, it } from 'vitest';
import { inspectItems, isCloneable } from '../../../src/workers/runtime/serialization';

describe('inspectItems', () => {
  it('tells a list of numbers (sent as one Float64Array block) from anything else', () => {
    expect(inspectItems([1, 2.5, -0, Number.NaN, Infinity])).toBe('numbers');
    expect(inspectItems([1, '2'])).toBe('cloneable');
    expect(inspectItems([1, null, undefined, 2n, true])).toBe('cloneable');
    expect(inspectItems([{ a: [1] }, new Map([[1, 2]]), new Date(0)])).toBe('cloneable');
  });

  it('names the first item that cannot be cloned, whatever kind of problem comes first', () => {
    const bad = { f: () => 1 };
    expect(() => inspectItems([1, 2, bad, 4, () => 5])).toThrow(/items\[2\]/);
    expect(() => inspectItems([1, Symbol('s'), bad])).toThrow(/items\[1\].*symbols/);
    expect(() => inspectItems([{}, {}, bad])).toThrow(TypeError);
  });
});

describe('isCloneable', () => {
  it('accepts what structured clone carries and refuses functions, symbols and objects holding them', () => {
    expect(isCloneable(new Map([['k', 1n]]))).toBe(true);
    expect(isCloneable(() => 1)).toBe(false);
    expect(isCloneable(Symbol('s'))).toBe(false);
    expect(isCloneable({ nested: { f: () => 1 } })).toBe(false);
  });

  it('checks what the destination’s channel carries: a SharedArrayBuffer reaches a thread, not a process', () => {
    const shared = new SharedArrayBuffer(8);
    expect(inspectItems([{ shared }], 'items', 'thread')).toBe('cloneable');
    expect(() => inspectItems([1, { shared }], 'items', 'process')).toThrow(/items\[1\]/);
    expect(() => inspectItems([shared], 'initargs')).toThrow(/initargs\[0\]/);
    expect(isCloneable(shared, 'thread')).toBe(true);
    expect(isCloneable(shared, 'process')).toBe(false);
  });
});
