import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../../src/main/insights/index';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { acq, obj, P1, P2, P3, pool, procExit, procStart, req, sorted, together } from './trace-builder';

const over = (events: TraceEvent[], cores = 2) =>
  computeInsights(sorted(events), { cores }).filter((i) => i.kind === 'oversubscribed');

describe('oversubscribed', () => {
  it('reports 4 busy workers on 2 cores, as info', () => {
    const [insight, ...rest] = over([...pool(4, 200_000), ...together(4)]);
    expect(rest).toEqual([]);
    expect(insight!.severity).toBe('info');
    expect(insight!.message).toBe(
      'For 100% of the run (100 ms of 100 ms), more workers and processes were running than the 2 cores ' +
        '(4 on average, up to 4): CPU-bound ones took turns on the cores.',
    );
    expect(insight!.fix).toContain('new Pool({ processes: 2 })');
  });

  it('counts Process children, but not while they wait for a lock', () => {
    const running = [P1, P2, P3].flatMap((p, k) => [
      procStart(0, p, `Process-${k + 1}`),
      procExit(100_000, p, `Process-${k + 1}`),
    ]);
    expect(over(running)).toHaveLength(1);
    const lock = obj('lock');
    const waiting = [...running, req(1_000, P2, lock), acq(90_000, P2, lock)];
    expect(over(waiting)).toEqual([]);
  });

  it('does not report as many busy as cores, nor count a process worker twice', () => {
    expect(over([...pool(4, 200_000), ...together(2)])).toEqual([]);
    const starts = [0, 1].map((w) => procStart(0, { pid: 201 + w, tid: 0 }, `worker-${w}`));
    expect(over([...pool(2, 200_000), ...starts, ...together(2)])).toEqual([]);
    expect(over([...pool(4, 200_000), ...together(4)], 4)).toEqual([]);
  });
});
