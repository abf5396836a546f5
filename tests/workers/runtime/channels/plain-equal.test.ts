import { describe, expect, it } from 'vitest';
import { plainEqual } from '../../../../src/workers/runtime/channels/plain-equal';

describe('plainEqual', () => {
  it('compares structured-clone data by contents', () => {
    const value = { a: [1, 'x', null], d: new Date(5), m: new Map([[1, { z: 2 }]]), s: new Set([1, 2]) };
    expect(plainEqual(value, structuredClone(value))).toBe(true);
    expect(plainEqual(new Float64Array([1, 2]), new Float64Array([1, 2]))).toBe(true);
    expect(plainEqual(NaN, NaN)).toBe(true);
    expect(plainEqual(0, -0)).toBe(true);
    expect(plainEqual(/a/g, /a/g)).toBe(true);
  });

  it('tells different data apart', () => {
    expect(plainEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(plainEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(plainEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(plainEqual([1], { 0: 1, length: 1 })).toBe(false);
    expect(plainEqual(new Uint8Array([1]), new Int8Array([1]))).toBe(false);
    expect(plainEqual(new Map([[1, 1]]), new Map([[1, 2]]))).toBe(false);
    expect(plainEqual('1', 1)).toBe(false);
    expect(plainEqual(null, {})).toBe(false);
  });

  it('terminates on cycles', () => {
    const a: { self?: unknown; n: number } = { n: 1 };
    a.self = a;
    expect(plainEqual(a, structuredClone(a))).toBe(true);
    const b = structuredClone(a);
    b.n = 2;
    expect(plainEqual(a, b)).toBe(false);
  });
});
