import { describe, expect, it } from 'vitest';
import { DictState } from '../../../../src/workers/runtime/channels/dict-state';
import { newPrimitiveInfo } from '../../../../src/workers/runtime/context/identity';
import { call, caller } from './helpers';

const me = caller(940001);

function dict(): DictState {
  return new DictState(newPrimitiveInfo('dict'));
}

describe('DictState', () => {
  it('works like a Map with string keys, in insertion order', async () => {
    const d = dict();
    await call(d, 'set', ['b', 1], me);
    await call(d, 'set', ['a', [1, 2]], me);
    await call(d, 'set', ['b', 3], me);
    expect(await call(d, 'get', ['b'], me)).toBe(3);
    expect(await call(d, 'get', ['missing'], me)).toBeUndefined();
    expect(await call(d, 'get', ['missing', 'fallback'], me)).toBe('fallback');
    expect(await call(d, 'has', ['a'], me)).toBe(true);
    expect(await call(d, 'keys', [], me)).toEqual(['b', 'a']);
    expect(await call(d, 'values', [], me)).toEqual([3, [1, 2]]);
    expect(await call(d, 'entries', [], me)).toEqual([
      ['b', 3],
      ['a', [1, 2]],
    ]);
    expect(await call(d, 'size', [], me)).toBe(2);
    expect(await call(d, 'delete', ['b'], me)).toBe(true);
    expect(await call(d, 'delete', ['b'], me)).toBe(false);
    await call(d, 'clear', [], me);
    expect(await call(d, 'size', [], me)).toBe(0);
  });

  it('keeps keys such as __proto__ as ordinary data', async () => {
    const d = dict();
    await call(d, 'set', ['__proto__', 'x'], me);
    expect(await call(d, 'get', ['__proto__'], me)).toBe('x');
    expect(await call(d, 'keys', [], me)).toEqual(['__proto__']);
  });

  it('updates from an object, a Map or pairs', async () => {
    const d = dict();
    await call(d, 'update', [{ a: 1 }], me);
    await call(d, 'update', [new Map([['b', 2]])], me);
    await call(d, 'update', [[['c', 3]]], me);
    expect(await call(d, 'entries', [], me)).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
  });

  it('names a non-string key, and applies nothing of a bad update', async () => {
    const d = dict();
    await expect(call(d, 'set', [1, 'x'], me)).rejects.toThrow(/"key": must be a string \(got 1\)/);
    await expect(call(d, 'get', [null], me)).rejects.toThrow(TypeError);
    await expect(
      call(
        d,
        'update',
        [
          [
            ['ok', 1],
            [2, 'bad'],
          ],
        ],
        me,
      ),
    ).rejects.toThrow(/"source\[1\]\[0\]"/);
    await expect(call(d, 'update', [[['x']]], me)).rejects.toThrow(/"source\[0\]"/);
    await expect(call(d, 'update', [5], me)).rejects.toThrow(/"source"/);
    expect(await call(d, 'size', [], me)).toBe(0);
    await expect(call(d, 'append', [1], me)).rejects.toThrow(/"op"/);
  });
});
