import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../src/workers/runtime/process-output';

function split(chunks: (string | Uint8Array)[]): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line));
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('emits one line per newline, joins lines split across chunks, keeps a last unterminated line', () => {
    expect(split(['alpha\nbe', 'ta\n', 'gam', 'ma'])).toEqual(['alpha', 'beta', 'gamma']);
    expect(split(['one\r\ntwo\r\n'])).toEqual(['one', 'two']);
    expect(split(['\n\n'])).toEqual(['', '']);
    expect(split([])).toEqual([]);
  });

  it('joins a multi-byte character split across chunks', () => {
    const bytes = Buffer.from('né\n€\n', 'utf8');
    const chunks = [...bytes].map((b) => Uint8Array.of(b));
    expect(split(chunks)).toEqual(['né', '€']);
  });

  it('gives the same lines however the bytes are cut into chunks', () => {
    const piece = fc.constantFrom('\n', 'a', 'é', '€', '😀', ' ', 'word');
    const text = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 8 }), (input, cuts) => {
        const bytes = Buffer.from(input, 'utf8');
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let start = 0;
        for (const point of [...points, bytes.length]) {
          chunks.push(bytes.subarray(start, point));
          start = point;
        }
        const expected = input.split('\n');
        if (expected.at(-1) === '') expected.pop();
        expect(split(chunks)).toEqual(expected);
      }),
    );
  });
});
