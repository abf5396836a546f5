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

  it('puts an item back at the front with unshift, before or after shifting', () => {
    const fifo = new Fifo<number>();
    fifo.unshift(2);
    fifo.push(3);
    fifo.unshift(1);
    expect(fifo.shift()).toBe(1);
    fifo.unshift(0);
    expect([fifo.shift(), fifo.shift(), fifo.shift(), fifo.length]).toEqual([0, 2, 3, 0]);
  });
});
