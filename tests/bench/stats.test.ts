import { describe, expect, it } from 'vitest';
import { median, shortfall, targetMet } from '../../bench/harness/stats';
import { formatNumber, formatTable } from '../../bench/harness/table';
import { caseSpec } from '../../bench/cases/specs';
import { measuredCase, unmeasuredCase } from '../../bench/harness/case-result';
import type { Target } from '../../bench/harness/types';

const atLeast: Target = { metric: 'ratio', op: '>=', value: 1.2, text: '>= 1.2x' };
const atMost: Target = { metric: 'parascope', op: '<=', value: 0.2, text: '<= 0.2%' };

describe('bench arithmetic', () => {
  it('takes medians of odd and even counts, unaffected by order or one outlier', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([1, 1000, 2])).toBe(2);
    expect(() => median([])).toThrow(RangeError);
  });

  it('judges >= targets on the ratio and <= targets on the absolute number', () => {
    expect(targetMet(atLeast, 1, 1.2)).toBe(true);
    expect(targetMet(atLeast, 1, 1.19)).toBe(false);
    expect(targetMet(atMost, 0.2, null)).toBe(true);
    expect(targetMet(atMost, 0.5, null)).toBe(false);
    expect(targetMet(atLeast, 1, null)).toBeNull();
  });

  it('says by what factor a missed target is missed', () => {
    expect(shortfall(atLeast, 1, 0.6)).toBeCloseTo(2);
    expect(shortfall(atMost, 0.5, null)).toBeCloseTo(2.5);
    expect(shortfall(atMost, 0.1, null)).toBeNull();
  });

  it('builds rows with ratio = parascope / peer of the medians', () => {
    const row = measuredCase(caseSpec('map-throughput'), [3, 1, 2], [4, 4, 5]);
    expect(row).toMatchObject({ parascope: 2, peer: 4, ratio: 0.5, met: false, status: 'measured' });
  });

  it('prints numbers compactly, and pending cases without numbers', () => {
    expect(formatNumber(4_216_000)).toBe('4.22 M');
    expect(formatNumber(263_300)).toBe('263 k');
    expect(formatNumber(0.512)).toBe('0.512');
    const table = formatTable([
      measuredCase(caseSpec('sampler-cost'), [0.5], [1.5]),
      unmeasuredCase(caseSpec('lock-thread'), 'not-yet-measurable', 'needs Lock'),
    ]);
    expect(table).toContain('| `sampler-cost` | 0.500 % of one core |');
    expect(table).toContain('NO (2.5x off)');
    expect(table).toContain('| `lock-thread` | not yet measurable |');
  });
});
