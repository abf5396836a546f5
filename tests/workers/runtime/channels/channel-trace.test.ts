/** The summary a queue or pipe event gives of its item is exactly what task-submit gives of one argument. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarizeItem } from '../../../../src/workers/runtime/channels/channel-trace';
import { summarizeArgs } from '../../../../src/workers/runtime/trace';

describe('summarizeItem', () => {
  it('equals summarizeArgs([item]) for any item (property)', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withTypedArray: true, withMap: true }), (item) => {
        expect(summarizeItem(item)).toBe(summarizeArgs([item]));
      }),
    );
    // Strings at the length limit, including ones whose JSON is much longer than they are.
    fc.assert(
      fc.property(fc.string({ minLength: 40, maxLength: 60, unit: 'binary' }), (item) => {
        expect(summarizeItem(item)).toBe(summarizeArgs([item]));
      }),
    );
    for (const item of [0, -0, NaN, Infinity, 1e21, 'x'.repeat(48), '\u0001'.repeat(48), '"'.repeat(48)]) {
      expect(summarizeItem(item)).toBe(summarizeArgs([item]));
    }
  });
});
