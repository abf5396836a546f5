import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatCpuList,
  formatLscpuList,
  parseCacheSize,
  parseCpuList,
} from '../../../src/main/topology/cpu-list';

describe('parseCpuList', () => {
  it('expands ranges and single CPUs as sysfs writes them', () => {
    expect(parseCpuList('0-3,8,10-11')).toEqual([0, 1, 2, 3, 8, 10, 11]);
    expect(parseCpuList('0\n')).toEqual([0]);
    expect(parseCpuList('4-7,12-15')).toEqual([4, 5, 6, 7, 12, 13, 14, 15]);
  });

  it('reads an empty list (no CPUs, e.g. an empty `offline` file) as none', () => {
    expect(parseCpuList('')).toEqual([]);
    expect(parseCpuList('\n')).toEqual([]);
  });

  it('sorts and de-duplicates overlapping parts', () => {
    expect(parseCpuList('8,0-2,1')).toEqual([0, 1, 2, 8]);
  });

  it('understands the strided form "first-last:used/group"', () => {
    expect(parseCpuList('0-15:2/4')).toEqual([0, 1, 4, 5, 8, 9, 12, 13]);
  });

  it.each(['a', '0-', '3-1', '1,,2', '0-3:5/4', '-1'])(
    'rejects %j with a RangeError naming `list`',
    (bad) => {
      expect(() => parseCpuList(bad)).toThrow(RangeError);
      expect(() => parseCpuList(bad)).toThrow(/^list /);
    },
  );

  it('rejects a non-string with a TypeError naming `list`', () => {
    expect(() => parseCpuList(3 as unknown as string)).toThrow(TypeError);
    expect(() => parseCpuList(3 as unknown as string)).toThrow(/^list must be a string/);
  });
});

describe('formatCpuList and formatLscpuList', () => {
  it('writes kernel lists with every run as a range', () => {
    expect(formatCpuList([0, 1, 2, 3, 6])).toBe('0-3,6');
    expect(formatCpuList([0, 1])).toBe('0-1');
    expect(formatCpuList([11, 10, 8, 8])).toBe('8,10-11');
    expect(formatCpuList([])).toBe('');
  });

  it('writes lscpu lists, where a run of two stays two numbers', () => {
    expect(formatLscpuList([0, 1])).toBe('0,1');
    expect(formatLscpuList([0, 1, 2])).toBe('0-2');
    expect(formatLscpuList([0, 1, 2, 3, 6])).toBe('0-3,6');
    expect(formatLscpuList([0, 1, 3, 4, 5, 7])).toBe('0,1,3-5,7');
  });

  it('rejects negative or fractional CPU numbers with a RangeError naming `cpus`', () => {
    expect(() => formatCpuList([0, -1])).toThrow(RangeError);
    expect(() => formatLscpuList([1.5])).toThrow(/^cpus /);
  });

  it('round-trips through parseCpuList in both forms', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 300 }), { maxLength: 60 }), (cpus) => {
        const expected = [...new Set(cpus)].sort((a, b) => a - b);
        expect(parseCpuList(formatCpuList(cpus))).toEqual(expected);
        expect(parseCpuList(formatLscpuList(cpus))).toEqual(expected);
      }),
    );
  });
});

describe('parseCacheSize', () => {
  it('reads sysfs sizes in binary units', () => {
    expect(parseCacheSize('32K')).toBe(32 * 1024);
    expect(parseCacheSize('1024K')).toBe(1024 * 1024);
    expect(parseCacheSize('32768K')).toBe(32 * 1024 * 1024);
    expect(parseCacheSize('1M\n')).toBe(1024 * 1024);
    expect(parseCacheSize('512')).toBe(512);
    expect(parseCacheSize('32 KiB')).toBe(32 * 1024);
  });

  it.each(['', 'K', '32X', '-1K', '1.5M'])('rejects %j with a RangeError naming `size`', (bad) => {
    expect(() => parseCacheSize(bad)).toThrow(RangeError);
    expect(() => parseCacheSize(bad)).toThrow(/^size /);
  });

  it('rejects a non-string with a TypeError naming `size`', () => {
    expect(() => parseCacheSize(32 as unknown as string)).toThrow(TypeError);
  });
});
