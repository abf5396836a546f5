import { describe, expect, it } from 'vitest';
import { Fifo } from '../../../src/workers/runtime/fifo';

describe('Fifo', () => {
  it('returns items in insertion order across compactions', () => {
    const fifo = new Fifo<number>();
    const out: number[] = [];
    for (let i = 0; i < 5000; i++) {
      fifo.push(i);
      if (i % 3 === 0) out.push(fifo.shift()!);
    }
    while (fifo.length > 0) out.push(fifo.shift()!);
    expect(out).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(fifo.shift()).toBeUndefined();
  });

  it('is empty after clear()', () => {
    const fifo = new Fifo<string>();
    fifo.push('a');
    fifo.clear();
    expect(fifo.length).toBe(0);
    expect(fifo.shift()).toBeUndefined();
  });
});
