import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coreLoadsBetween, type CpuTimes } from '../../../src/main/sampler/cpu-deltas';

const times = (t: Partial<CpuTimes>): { times: CpuTimes } => ({
  times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0, ...t },
});

describe('coreLoadsBetween', () => {
  it('splits elapsed ticks into user (user + nice) and system (sys + irq) percentages', () => {
    const before = [times({ user: 100, nice: 0, sys: 50, idle: 850, irq: 0 }), times({ idle: 1000 })];
    const after = [
      // +200 user, +100 nice, +100 sys, +100 irq, +500 idle over 1000 ticks.
      times({ user: 300, nice: 100, sys: 150, idle: 1350, irq: 100 }),
      // Fully busy in user mode.
      times({ user: 400, idle: 1000 }),
    ];
    const { cores, total } = coreLoadsBetween(before, after);
    expect(cores).toEqual([
      { user: 30, system: 20 },
      { user: 100, system: 0 },
    ]);
    expect(total).toBe(75);
  });

  it('reports 0, never NaN, when no ticks elapsed', () => {
    const snapshot = [times({ user: 5, idle: 10 })];
    const { cores, total } = coreLoadsBetween(snapshot, snapshot);
    expect(cores).toEqual([{ user: 0, system: 0 }]);
    expect(total).toBe(0);
  });

  it('counts a counter that went backwards (wrap or reset) as 0', () => {
    const before = [times({ user: 1000, sys: 100, idle: 100 })];
    const after = [times({ user: 10, sys: 200, idle: 400 })];
    const { cores } = coreLoadsBetween(before, after);
    // Only +100 sys and +300 idle count.
    expect(cores).toEqual([{ user: 0, system: 25 }]);
  });

  it('reports zeros for one interval, one entry per CPU now present, when the CPU count changed', () => {
    const two = [times({ user: 10, idle: 10 }), times({ user: 10, idle: 10 })];
    const three = [times({ user: 50, idle: 20 }), times({ user: 50, idle: 20 }), times({ user: 1, idle: 1 })];
    expect(coreLoadsBetween(two, three)).toEqual({
      cores: [
        { user: 0, system: 0 },
        { user: 0, system: 0 },
        { user: 0, system: 0 },
      ],
      total: 0,
    });
    expect(coreLoadsBetween(three, two).cores).toHaveLength(2);
  });

  it('never lets user + system exceed 100 through floating-point rounding', () => {
    // Naively, (1/24)·100 + (23/24)·100 is 100.00000000000001.
    const { cores } = coreLoadsBetween([times({})], [times({ user: 1, sys: 23 })]);
    expect(cores[0]!.user + cores[0]!.system).toBe(100);
    expect(cores[0]!.user).toBeCloseTo(100 / 24, 2);
  });

  it('gives a total of 0 for no CPUs', () => {
    expect(coreLoadsBetween([], [])).toEqual({ cores: [], total: 0 });
  });

  it('always yields percentages in [0, 100] whose total is the mean of user + system', () => {
    const counter = fc.nat({ max: 1e9 });
    const cpu = fc.record({ user: counter, nice: counter, sys: counter, idle: counter, irq: counter });
    fc.assert(
      fc.property(fc.array(fc.tuple(cpu, cpu), { minLength: 1, maxLength: 16 }), (pairs) => {
        const { cores, total } = coreLoadsBetween(
          pairs.map(([a]) => ({ times: a })),
          pairs.map(([, b]) => ({ times: b })),
        );
        expect(cores).toHaveLength(pairs.length);
        for (const c of cores) {
          expect(c.user).toBeGreaterThanOrEqual(0);
          expect(c.system).toBeGreaterThanOrEqual(0);
          expect(c.user + c.system).toBeLessThanOrEqual(100);
        }
        const mean = cores.reduce((s, c) => s + c.user + c.system, 0) / cores.length;
        expect(total).toBeCloseTo(mean, 9);
        expect(total).toBeLessThanOrEqual(100);
      }),
    );
  });
});
