import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FULL_RESULT, INLINE_RESULT, fullResult } from '../../../src/renderer/views/result-text';

describe('fullResult', () => {
  it('shows a remote stack in a result as lines', () => {
    const stack = 'TypeError: not a number: "three"\n    at toNumber (/x/error-callback.ts:48:11)';
    const text = fullResult({ errors: [{ record: 'c=three', remoteStack: stack }] });
    expect(text).toContain('"remoteStack": "TypeError: not a number: \\"three\\"\n    at toNumber (');
  });

  it('adds nothing for a short one-line result, or one that is not JSON', () => {
    expect(fullResult([1, 4, 9])).toBeNull();
    expect(fullResult(undefined)).toBeNull();
    expect(fullResult({ big: 1n })).toBeNull();
  });

  it('keeps a backslash followed by n as written, and cuts a huge result', () => {
    expect(fullResult({ path: 'C:\\new', pad: 'x'.repeat(INLINE_RESULT) })).toContain('"C:\\\\new"');
    const huge = fullResult('y'.repeat(FULL_RESULT * 2))!;
    expect(huge).toHaveLength(FULL_RESULT);
    expect(huge.endsWith('…')).toBe(true);
  });

  it('turns every escaped newline, and nothing else, into a line break', () => {
    const unit = fc.constantFrom('a', '\\', 'n', '\n', '"');
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit, maxLength: 12 }), { minLength: 40, maxLength: 50 }),
        (strings) => {
          const text = fullResult(strings)!;
          const json = JSON.stringify(strings, null, 2);
          const breaks = strings.join('').split('\n').length - 1;
          // Each newline of the input was two characters (backslash, n) and is now one.
          expect(text).toHaveLength(json.length - breaks);
          expect(text.split('\n')).toHaveLength(json.split('\n').length + breaks);
        },
      ),
    );
  });
});
