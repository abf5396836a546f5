import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ListState } from '../../../../src/workers/runtime/channels/list-state';
import { newPrimitiveInfo } from '../../../../src/workers/runtime/context/identity';
import { call, caller } from './helpers';

const me = caller(950001);

function list(): ListState {
  return new ListState(newPrimitiveInfo('list', 'shared'));
}

describe('ListState', () => {
  it('supports Python list operations with negative indexes', async () => {
    const l = list();
    await call(l, 'extend', [[1, 2, 3]], me);
    await call(l, 'append', [4], me);
    expect(await call(l, 'get', [-1], me)).toBe(4);
    await call(l, 'set', [-4, 10], me);
    expect(await call(l, 'slice', [], me)).toEqual([10, 2, 3, 4]);
    expect(await call(l, 'slice', [1, -1], me)).toEqual([2, 3]);
    expect(await call(l, 'pop', [], me)).toBe(4);
    expect(await call(l, 'pop', [0], me)).toBe(10);
    await call(l, 'insert', [100, 'end'], me);
    await call(l, 'insert', [-100, 'start'], me);
    expect(await call(l, 'slice', [], me)).toEqual(['start', 2, 3, 'end']);
    expect(await call(l, 'length', [], me)).toBe(4);
    await call(l, 'clear', [], me);
    expect(await call(l, 'length', [], me)).toBe(0);
  });

  it('finds values by contents, as a copy from another context would need', async () => {
    const l = list();
    await call(l, 'extend', [[{ id: 1 }, [2], { id: 1 }, NaN]], me);
    expect(await call(l, 'index', [{ id: 1 }], me)).toBe(0);
    expect(await call(l, 'index', [{ id: 1 }, 1], me)).toBe(2);
    expect(await call(l, 'index', [NaN], me)).toBe(3);
    expect(await call(l, 'count', [{ id: 1 }], me)).toBe(2);
    await call(l, 'remove', [[2]], me);
    expect(await call(l, 'slice', [], me)).toEqual([{ id: 1 }, { id: 1 }, NaN]);
  });

  it('raises RangeErrors naming the index or value, TypeErrors for the wrong kind', async () => {
    const l = list();
    await expect(call(l, 'pop', [], me)).rejects.toThrow(/pop from empty shared/);
    await call(l, 'append', ['a'], me);
    await expect(call(l, 'get', [1], me)).rejects.toThrow(/"index": is out of range for shared of length 1/);
    await expect(call(l, 'set', [-2, 'x'], me)).rejects.toThrow(RangeError);
    await expect(call(l, 'get', [0.5], me)).rejects.toThrow(RangeError);
    await expect(call(l, 'get', ['0'], me)).rejects.toThrow(TypeError);
    await expect(call(l, 'remove', ['b'], me)).rejects.toThrow(/"value": is not in shared/);
    await expect(call(l, 'index', ['a', 1], me)).rejects.toThrow(RangeError);
    await expect(call(l, 'extend', ['abc'], me)).rejects.toThrow(/"values"/);
    await expect(call(l, 'slice', ['1'], me)).rejects.toThrow(/"start"/);
    expect(await call(l, 'slice', [], me)).toEqual(['a']);
  });

  it('behaves like an array under random appends, pops, sets and slices', async () => {
    const op = fc.oneof(
      fc.record({ op: fc.constant('append' as const), value: fc.integer() }),
      fc.record({ op: fc.constant('pop' as const), index: fc.integer({ min: -6, max: 6 }) }),
      fc.record({
        op: fc.constant('set' as const),
        index: fc.integer({ min: -6, max: 6 }),
        value: fc.integer(),
      }),
      fc.record({ op: fc.constant('slice' as const), start: fc.integer({ min: -6, max: 6 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
        const l = list();
        const model: number[] = [];
        for (const o of ops) {
          const at = 'index' in o ? (o.index < 0 ? model.length + o.index : o.index) : 0;
          const inRange = at >= 0 && at < model.length;
          if (o.op === 'append') {
            await call(l, 'append', [o.value], me);
            model.push(o.value);
          } else if (o.op === 'slice') {
            expect(await call(l, 'slice', [o.start], me)).toEqual(model.slice(o.start));
          } else if (o.op === 'pop') {
            const result = await call(l, 'pop', [o.index], me).catch((e: Error) => e.name);
            expect(result).toBe(inRange ? model.splice(at, 1)[0] : 'RangeError');
          } else {
            const result = await call(l, 'set', [o.index, o.value], me).catch((e: Error) => e.name);
            expect(result).toBe(inRange ? undefined : 'RangeError');
            if (inRange) model[at] = o.value;
          }
        }
        expect(await call(l, 'slice', [], me)).toEqual(model);
      }),
      { numRuns: 100 },
    );
  });
});
