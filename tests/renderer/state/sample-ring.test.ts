import { describe, expect, it } from 'vitest';
import type { CoreSample } from '../../../src/shared/samples';
import { SampleRing } from '../../../src/renderer/state/sample-ring';

const sample = (t: number, loads: [number, number][]): CoreSample => ({
  t,
  hz: 10,
  cores: loads.map(([user, system]) => ({ user, system })),
  total: loads.reduce((a, [u, s]) => a + u + s, 0) / loads.length,
});

describe('SampleRing', () => {
  it('keeps samples oldest first with a mean column after the CPUs', () => {
    const ring = new SampleRing(2, 8);
    ring.push(
      sample(1000, [
        [10, 2],
        [30, 6],
      ]),
    );
    ring.push(
      sample(1100, [
        [50, 0],
        [70, 4],
      ]),
    );
    expect(ring.size).toBe(2);
    expect([ring.timeAt(0), ring.timeAt(1)]).toEqual([1000, 1100]);
    expect(ring.userAt(1, 1)).toBe(70);
    expect(ring.systemAt(0, 1)).toBe(6);
    expect(ring.userAt(0, 2)).toBe(20);
    expect(ring.systemAt(0, 2)).toBe(4);
    expect(ring.latestTime()).toBe(1100);
  });

  it('overwrites the oldest sample once full', () => {
    const ring = new SampleRing(1, 3);
    for (let i = 0; i < 5; i++) ring.push(sample(i, [[i, 0]]));
    expect(ring.size).toBe(3);
    expect([0, 1, 2].map((k) => ring.timeAt(k))).toEqual([2, 3, 4]);
    expect([0, 1, 2].map((k) => ring.userAt(k, 0))).toEqual([2, 3, 4]);
  });

  it('starts over when the number of CPUs changes', () => {
    const ring = new SampleRing(0, 4);
    ring.push(sample(1, [[1, 1]]));
    ring.push(
      sample(2, [
        [1, 1],
        [2, 2],
        [3, 3],
      ]),
    );
    expect(ring.cpus).toBe(3);
    expect(ring.size).toBe(1);
    expect(ring.userAt(0, 2)).toBe(3);
  });

  it('refuses indexes outside what it holds', () => {
    const ring = new SampleRing(1, 4);
    expect(ring.latestTime()).toBeNull();
    expect(() => ring.timeAt(0)).toThrow(RangeError);
  });
});
