import { describe, expect, it } from 'vitest';
import { resolveCallOptions, validateTimeout } from '../../../src/workers/runtime/pool-call-options';

describe('resolveCallOptions', () => {
  it('takes a bare number as the chunksize where a chunksize is allowed', () => {
    expect(resolveCallOptions(3, { chunksize: true }).chunksize).toBe(3);
    expect(resolveCallOptions(undefined, { chunksize: true })).toEqual({
      chunksize: undefined,
      signal: null,
      onProgress: null,
      callback: null,
      errorCallback: null,
    });
    expect(() => resolveCallOptions(3, {})).toThrow(/"options"/);
  });

  it('accepts signal, onProgress and (for …Async) callbacks', () => {
    const signal = new AbortController().signal;
    const f = (): void => {};
    const o = resolveCallOptions(
      { signal, onProgress: f, callback: f, errorCallback: f },
      { callbacks: true },
    );
    expect(o).toMatchObject({ signal, onProgress: f, callback: f, errorCallback: f });
    expect(resolveCallOptions({ callback: f }, {}).callback).toBeNull();
  });

  it.each([
    [{ chunksize: 0 }, RangeError, 'chunksize'],
    [{ chunksize: '2' }, TypeError, 'chunksize'],
    [{ signal: {} }, TypeError, 'signal'],
    [{ onProgress: 'f' }, TypeError, 'onProgress'],
    [{ callback: 1 }, TypeError, 'callback'],
    [{ errorCallback: null }, TypeError, 'errorCallback'],
    ['fast', TypeError, 'options'],
  ])('refuses %o with a %O naming %s', (options, kind, name) => {
    const run = (): unknown => resolveCallOptions(options, { chunksize: true, callbacks: true });
    expect(run).toThrow(kind);
    expect(run).toThrow(`"${name}"`);
  });

  it('refuses a chunksize where the call has none', () => {
    expect(() => resolveCallOptions({ chunksize: 2 }, {})).toThrow(/"chunksize"/);
  });
});

describe('validateTimeout', () => {
  it('is milliseconds >= 0; undefined and Infinity mean none', () => {
    expect(validateTimeout(undefined)).toBeNull();
    expect(validateTimeout(Infinity)).toBeNull();
    expect(validateTimeout(0)).toBe(0);
    expect(validateTimeout(2.5)).toBe(2.5);
    expect(() => validateTimeout(-1)).toThrow(RangeError);
    expect(() => validateTimeout(Number.NaN, 'wait')).toThrow(/"wait"/);
    expect(() => validateTimeout('5')).toThrow(TypeError);
  });
});
