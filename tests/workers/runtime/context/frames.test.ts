import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameReader, jsonExact } from '../../../../src/workers/runtime/context/frames';

/** Decodes `frames` fed to a reader in pieces cut at `cuts`; returns the messages. */
function decode(bytes: Buffer, cuts: number[] = []): unknown[] {
  const out: unknown[] = [];
  const reader = new FrameReader((message) => out.push(message));
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut <= at || cut >= bytes.length) continue;
    reader.push(bytes.subarray(at, cut));
    at = cut;
  }
  reader.push(bytes.subarray(at));
  expect(reader.pending).toBe(0);
  return out;
}

describe('jsonExact', () => {
  it('accepts plain data JSON gives back unchanged', () => {
    expect(jsonExact({ type: 'prim-call', callId: 1, args: [1, 'a', true, null, { x: [2.5] }] })).toBe(true);
  });

  it('refuses what JSON would change: undefined, -0, NaN, Infinity, holes, bigint, classes, cycles, shared objects', () => {
    const shared = { a: 1 };
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const value of [
      { a: undefined },
      [undefined],
      -0,
      NaN,
      Infinity,
      // eslint-disable-next-line no-sparse-arrays
      [1, , 3],
      10n,
      new Date(0),
      new Map(),
      new Float64Array(2),
      [shared, shared],
      cycle,
      JSON.parse('{"__proto__": 1}'),
    ]) {
      expect(jsonExact(value), String(value)).toBe(false);
    }
  });
});

describe('frames', () => {
  it('carry any structured-cloneable message exactly as structured clone would, cut anywhere', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.anything({
            withBigInt: true,
            withDate: true,
            withMap: true,
            withSet: true,
            withTypedArray: true,
            withNullPrototype: false,
          }),
        ),
        fc.array(fc.nat(4000), { maxLength: 6 }),
        (messages, cuts) => {
          const bytes = Buffer.concat(messages.map((m) => encodeFrame({ m })));
          expect(decode(bytes, cuts)).toEqual(messages.map((m) => structuredClone({ m })));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keep typed arrays, Buffers and a large array whole when they arrive in many chunks', () => {
    const big = new Float64Array(200_000).map((_, i) => i * 0.5);
    const bytes = Buffer.concat([encodeFrame({ big }), encodeFrame(Buffer.from('hi')), encodeFrame([1, 2])]);
    const cuts = Array.from({ length: 40 }, (_, i) => (i + 1) * 40_000);
    const [first, second, third] = decode(bytes, cuts) as [{ big: Float64Array }, Uint8Array, number[]];
    expect(first.big).toEqual(big);
    expect(Buffer.from(second).toString()).toBe('hi');
    expect(third).toEqual([1, 2]);
  });

  it('throw like a channel send for what cannot be sent, and send nothing', () => {
    expect(() => encodeFrame({ f: () => 1 })).toThrow();
    expect(() => encodeFrame(Symbol('s'))).toThrow();
  });

  it('deliver every message of a chunk even when a listener throws, then rethrow', () => {
    const seen: unknown[] = [];
    const reader = new FrameReader((message) => {
      seen.push(message);
      if (message === 1) throw new Error('listener failed');
    });
    const bytes = Buffer.concat([encodeFrame(1), encodeFrame(2)]);
    expect(() => reader.push(bytes)).toThrow('listener failed');
    expect(seen).toEqual([1, 2]);
  });
});
