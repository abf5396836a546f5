import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCacheSummary,
  formatCpuList,
  formatPercent,
  formatValue,
} from '../../../src/renderer/format/format';

describe('formatBytes', () => {
  it('prints binary units the way lscpu does', () => {
    expect(formatBytes(65536)).toBe('64 KiB');
    expect(formatBytes(1310720)).toBe('1.3 MiB');
    expect(formatBytes(33554432)).toBe('32 MiB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(-1)).toBe('—');
  });
});

describe('formatCacheSummary', () => {
  it('matches lscpu’s "size (n instances)"', () => {
    expect(formatCacheSummary({ bytes: 65536, instances: 2 })).toBe('64 KiB (2 instances)');
    expect(formatCacheSummary({ bytes: 33554432, instances: 1 })).toBe('32 MiB (1 instance)');
    expect(formatCacheSummary(null)).toBe('—');
  });
});

describe('formatCpuList', () => {
  it('collapses runs into ranges, whatever the input order', () => {
    expect(formatCpuList([6, 0, 1, 2, 3])).toBe('0-3,6');
    expect(formatCpuList([1, 3, 5])).toBe('1,3,5');
    expect(formatCpuList([2, 2, 3])).toBe('2-3');
    expect(formatCpuList([])).toBe('');
  });
});

describe('formatPercent', () => {
  it('clamps to 0–100 with one decimal', () => {
    expect(formatPercent(7.54)).toBe('7.5 %');
    expect(formatPercent(100.2)).toBe('100 %');
    expect(formatPercent(-3)).toBe('0.0 %');
  });
});

describe('formatValue', () => {
  it('separates items with a space so long results wrap between numbers', () => {
    expect(formatValue([1, 4, 9])).toBe('[1, 4, 9]');
    expect(formatValue({ sum: 3, ok: true, name: 'x' })).toBe('{"sum": 3, "ok": true, "name": "x"}');
    expect(formatValue(undefined)).toBe('undefined');
  });

  it('cuts long values with an ellipsis at the limit', () => {
    const text = formatValue(
      Array.from({ length: 100_000 }, (_, i) => i),
      50,
    );
    expect(text).toHaveLength(50);
    expect(text.endsWith('…')).toBe(true);
    expect(text.startsWith('[0, 1, 2')).toBe(true);
  });
});
