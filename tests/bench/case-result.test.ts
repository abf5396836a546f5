/**
 * Rows made of parts (two peers, or two workloads): each part judged on its own target, the
 * row met only when all are, and the table printing one line per part.
 */
import { describe, expect, it } from 'vitest';
import { caseSpec } from '../../bench/cases/specs';
import { measuredParts, part } from '../../bench/harness/case-result';
import { formatNumber, formatTable } from '../../bench/harness/table';

const vsPython = part({
  label: 'vs Python',
  parascope: [300, 100, 200],
  peer: [20, 21, 19],
  peerName: 'Python',
  unit: 'tasks/s',
  target: { metric: 'ratio', op: '>=', value: 5, text: '>= 5x Python' },
});
const vsPiscina = part({
  label: 'vs piscina',
  parascope: [300, 100, 200],
  peer: [150, 150],
  peerName: 'piscina',
  unit: 'tasks/s',
  target: { metric: 'ratio', op: '>=', value: 2, text: '>= 2x piscina' },
});

describe('multi-part rows', () => {
  it('judges each part on the medians against its own target', () => {
    expect(vsPython).toMatchObject({ parascope: 200, peer: 20, ratio: 10, met: true });
    expect(vsPiscina).toMatchObject({ parascope: 200, peer: 150, met: false });
    expect(vsPiscina.ratio).toBeCloseTo(200 / 150, 12);
  });

  it('takes its numbers from the first part and is met only when every part is', () => {
    const spec = caseSpec('task-throughput');
    const both = measuredParts(spec, [vsPython, vsPiscina]);
    expect(both).toMatchObject({ parascope: 200, peer: 20, ratio: 10, met: false, status: 'measured' });
    expect(measuredParts(spec, [vsPython]).met).toBe(true);
    expect(() => measuredParts(spec, [])).toThrow(RangeError);
  });

  it('prints one table line per part, each with its verdict and how far off it is', () => {
    const table = formatTable([measuredParts(caseSpec('task-throughput'), [vsPython, vsPiscina])]);
    expect(table).toContain(
      '| `task-throughput` vs Python | 200 tasks/s | 20.0 tasks/s (Python) | 10.0x | >= 5x Python | yes |',
    );
    expect(table).toMatch(/\| `task-throughput` vs piscina \| .* \| NO \(1\.5x off\) \|/);
  });

  it('prints thousands with a k suffix', () => {
    expect(formatNumber(5_610)).toBe('5.61 k');
    expect(formatNumber(999)).toBe('999');
  });
});
