import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../../src/main/session/params';
import type { ScenarioInfo } from '../../../src/shared/scenarios';

const info: ScenarioInfo = {
  id: 'demo',
  title: 'Demo',
  purpose: 'test',
  params: [
    { kind: 'int', name: 'workers', label: 'Workers', default: 2, min: 1, max: 64 },
    { kind: 'int', name: 'items', label: 'Items', default: 8, min: 0, max: 100 },
  ],
};

describe('resolveParams', () => {
  it('fills in defaults for missing parameters, in declaration order', () => {
    expect(resolveParams(info, { items: 3 })).toEqual({ workers: 2, items: 3 });
    expect(Object.keys(resolveParams(info, { items: 3, workers: 1 }))).toEqual(['workers', 'items']);
    expect(resolveParams(info, undefined)).toEqual({ workers: 2, items: 8 });
  });

  it('accepts the bounds themselves', () => {
    expect(resolveParams(info, { workers: 1, items: 0 })).toEqual({ workers: 1, items: 0 });
    expect(resolveParams(info, { workers: 64, items: 100 })).toEqual({ workers: 64, items: 100 });
  });

  it('names an unknown parameter and the valid ones (TypeError)', () => {
    expect(() => resolveParams(info, { threads: 2 })).toThrow(TypeError);
    expect(() => resolveParams(info, { threads: 2 })).toThrow(
      'unknown parameter "threads" for scenario demo; valid parameters: workers, items',
    );
  });

  it('ignores inherited properties rather than treating them as values', () => {
    expect(() => resolveParams(info, { toString: 1 })).toThrow(/unknown parameter "toString"/);
    expect(resolveParams(info, Object.create({ workers: 5 }) as object)).toEqual({ workers: 2, items: 8 });
  });

  it('names the parameter and its range for a bad value (RangeError)', () => {
    for (const workers of [0, 65, 2.5, Number.NaN, Infinity]) {
      expect(() => resolveParams(info, { workers })).toThrow(RangeError);
      expect(() => resolveParams(info, { workers })).toThrow(
        /^parameter workers must be an integer from 1 to 64 \(got /,
      );
    }
    expect(() => resolveParams(info, { workers: '3' as unknown as number })).toThrow('(got "3")');
  });

  it('rejects params that are not a plain object', () => {
    for (const bad of [null, 3, [1], 'workers=2']) {
      expect(() => resolveParams(info, bad)).toThrow(TypeError);
    }
  });
});
