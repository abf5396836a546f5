import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImapIterator } from '../../../src/workers/runtime/imap';
import { drain } from './pool-helpers';

/** Chunks `[start, values]` covering 0..n-1 with the given sizes. */
function chunksOf(sizes: number[]): [number, number[]][] {
  const chunks: [number, number[]][] = [];
  let start = 0;
  for (const size of sizes) {
    chunks.push([start, Array.from({ length: size }, (_, i) => start + i)]);
    start += size;
  }
  return chunks;
}

const plan = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 12 }).chain((sizes) =>
  fc.record({
    sizes: fc.constant(sizes),
    order: fc.shuffledSubarray(chunksOf(sizes), { minLength: sizes.length }),
  }),
);

describe('ImapIterator', () => {
  it('in order: yields 0..n-1 whatever order the chunks arrive in, reading along or afterwards', async () => {
    await fc.assert(
      fc.asyncProperty(plan, fc.boolean(), async ({ sizes, order }, early) => {
        const total = sizes.reduce((a, b) => a + b, 0);
        const it = new ImapIterator<number>(true, total);
        const reading = early ? drain(it) : null;
        for (const [start, values] of order) it.push(start, values);
        const { values, error } = await (reading ?? drain(it));
        expect(error).toBeUndefined();
        expect(values).toEqual(Array.from({ length: total }, (_, i) => i));
      }),
    );
  });

  it('unordered: yields each chunk as it arrives', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async ({ sizes, order }) => {
        const it = new ImapIterator<number>(
          false,
          sizes.reduce((a, b) => a + b, 0),
        );
        for (const [start, values] of order) it.push(start, values);
        expect((await drain(it)).values).toEqual(order.flatMap(([, values]) => values));
      }),
    );
  });

  it('in order: a failure at task f yields exactly 0..f-1 first, whenever it is reported', async () => {
    await fc.assert(
      fc.asyncProperty(plan, fc.nat(), fc.nat(), async ({ sizes, order }, pick, when) => {
        const total = sizes.reduce((a, b) => a + b, 0);
        const f = pick % total;
        const it = new ImapIterator<number>(true, total);
        const failure = new Error('task failed');
        // Chunks after the failing one may still come (they were in flight); the failing chunk
        // brings only what precedes f.
        const arrivals = order;
        const failAt = when % (arrivals.length + 1);
        arrivals.forEach(([start, values], i) => {
          if (i === failAt) it.fail(failure, f);
          it.push(start, start <= f && start + values.length > f ? values.slice(0, f - start) : values);
        });
        if (failAt === arrivals.length) it.fail(failure, f);
        const { values, error } = await drain(it);
        expect(values).toEqual(Array.from({ length: f }, (_, i) => i));
        expect(error).toBe(failure);
      }),
    );
  });

  it('return() ends the iteration, cancels once and ignores later results', async () => {
    let cancels = 0;
    const it = new ImapIterator<number>(true, 4);
    it.onCancel = () => cancels++;
    const pending = it.next();
    it.push(0, [10]);
    expect(await pending).toEqual({ done: false, value: 10 });
    const waiting = it.next();
    expect(await it.return()).toEqual({ done: true, value: undefined });
    expect(await waiting).toEqual({ done: true, value: undefined });
    await it.return();
    it.push(1, [11]);
    it.fail(new Error('late'), 2);
    expect(await it.next()).toEqual({ done: true, value: undefined });
    expect(cancels).toBe(1);
  });

  it('unordered: an error comes after the results already received, then the iteration is over', async () => {
    const it = new ImapIterator<string>(false, 5);
    it.push(3, ['d']);
    it.fail(new Error('abort'), 0);
    it.push(0, ['a']);
    expect(await it.next()).toEqual({ done: false, value: 'd' });
    await expect(it.next()).rejects.toThrow('abort');
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });
});
