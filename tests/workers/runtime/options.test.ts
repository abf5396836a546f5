import fc from 'fast-check';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultChunksize, resolvePoolOptions, toItemArray } from '../../../src/workers/runtime/options';

describe('defaultChunksize', () => {
  it.each([
    // [items, processes, what Python's Pool.map picks]
    [0, 2, 0],
    [1, 2, 1],
    [8, 2, 1],
    [9, 2, 2],
    [10, 2, 2],
    [100, 2, 13],
    [100, 3, 9],
    [1_000_000, 2, 125_000],
    [1_000_001, 2, 125_001],
  ])('%i items on %i processes → chunks of %i, as Python computes', (items, processes, expected) => {
    expect(defaultChunksize(items, processes)).toBe(expected);
  });

  it('covers every item in at most 4 chunks per process, with the smallest such size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 256 }), (n, p) => {
        const size = defaultChunksize(n, p);
        expect(size * p * 4).toBeGreaterThanOrEqual(n);
        expect((size - 1) * p * 4).toBeLessThan(n);
      }),
    );
  });
});

describe('resolvePoolOptions', () => {
  it('defaults to one worker per available CPU, process backend, no tracing without a sink', () => {
    expect(resolvePoolOptions(undefined)).toEqual({
      processes: availableParallelism(),
      backend: 'process',
      tracing: false,
      traceSink: null,
      initializer: null,
      initargs: [],
      initargsWire: false,
      maxTasksPerChild: null,
      resourceLimits: null,
    });
  });

  it('turns tracing on by default when an onTrace sink is given, unless told otherwise', () => {
    const onTrace = (): void => {};
    expect(resolvePoolOptions({ onTrace }).tracing).toBe(true);
    expect(resolvePoolOptions({ onTrace, tracing: false }).tracing).toBe(false);
  });

  it('takes onTraceChunk as the pool sink as it is, and refuses it with onTrace or not a function', () => {
    const onTraceChunk = (): void => {};
    const resolved = resolvePoolOptions({ onTraceChunk });
    expect(resolved.tracing).toBe(true);
    expect(resolved.traceSink).toBe(onTraceChunk);
    expect(() => resolvePoolOptions({ onTraceChunk: 1 })).toThrow(TypeError);
    expect(() => resolvePoolOptions({ onTraceChunk: 1 })).toThrow(/"onTraceChunk"/);
    expect(() => resolvePoolOptions({ onTraceChunk, onTrace: () => {} })).toThrow(
      /"onTraceChunk": cannot be combined with onTrace/,
    );
  });
});

describe('toItemArray', () => {
  it('keeps arrays as they are and materialises other iterables', () => {
    const array = [1, 2];
    expect(toItemArray(array)).toBe(array);
    expect(toItemArray(new Set(['a', 'b']))).toEqual(['a', 'b']);
    expect(toItemArray('ab')).toEqual(['a', 'b']);
  });

  it.each([null, undefined, 42, {}])('refuses %s with a TypeError naming items', (value) => {
    expect(() => toItemArray(value as never)).toThrow(TypeError);
    expect(() => toItemArray(value as never)).toThrow(/"items"/);
  });
});
