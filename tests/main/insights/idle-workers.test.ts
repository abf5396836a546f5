import { describe, expect, it } from 'vitest';
import { UTIL_MIN_SPAN_US } from '../../../src/main/insights/idle-workers';
import { computeInsights } from '../../../src/main/insights/index';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { pool, sorted, task, together } from './trace-builder';

const idle = (events: TraceEvent[], cores = 2) =>
  computeInsights(sorted(events), { cores }).filter((i) => i.kind === 'idle-workers');

describe('idle-workers', () => {
  it('reports a pool of 4 on 2 cores running one task at a time', () => {
    const events = [...pool(4, 200_000)];
    for (let k = 0; k < 5; k++)
      events.push(...task(`${k}:0`, k % 4, 201 + (k % 4), 1_000 + k * 20_000, 21_000 + k * 20_000));
    const [insight, ...rest] = idle(events);
    expect(rest).toEqual([]);
    expect(insight!.severity).toBe('warning');
    expect(insight!.message).toBe(
      "For 80% of the pool's run (80 ms of 100 ms), fewer workers had a task than could run at once " +
        '(4 workers, 2 cores): 1 busy on average.',
    );
    expect(insight!.evidence).toMatchObject({
      fromTs: 1_000,
      toTs: 101_000,
      details: { workers: 4, cores: 2 },
    });
  });

  it('does not report a pool as busy as its cores allow, one smaller than the cores, or a short run', () => {
    expect(idle([...pool(4, 200_000), ...together(2)])).toEqual([]);
    expect(idle([...pool(1, 200_000), ...together(1)])).toEqual([]);
    const short = task('0:0', 0, 201, 1_000, 1_000 + UTIL_MIN_SPAN_US - 1);
    expect(idle([...pool(4, 200_000), ...short])).toEqual([]);
  });

  it('does not count a worker as idle before its first task (it may be loading its task module)', () => {
    const events = [
      ...pool(2, 300_000),
      ...task('0:0', 0, 201, 1_000, 60_000, 500),
      ...task('0:1', 0, 201, 60_001, 120_000, 500),
      ...task('0:2', 1, 202, 110_000, 150_000, 500),
    ];
    expect(idle(events)).toEqual([]);
  });

  it('counts the workers seen running tasks when the trace has no worker-spawn events', () => {
    const events: TraceEvent[] = [];
    for (let k = 0; k < 6; k++)
      events.push(...task(`${k}:0`, k % 3, 201 + (k % 3), 1_000 + k * 20_000, 21_000 + k * 20_000));
    expect(idle(events)[0]!.message).toContain('(3 workers, 2 cores)');
  });
});
