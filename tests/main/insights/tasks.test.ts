import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildView } from '../../../src/main/insights/trace-view';
import { sweep, taskSpans, type Step } from '../../../src/main/insights/tasks';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { submit, start, end } from './trace-builder';

describe('sweep', () => {
  it('measures every stretch once: the time-weighted count is the sum of the intervals', () => {
    const interval = fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }));
    fc.assert(
      fc.property(fc.array(interval, { minLength: 1, maxLength: 30 }), (pairs) => {
        const spans = pairs.map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
        const steps: Step[] = spans.flatMap(([from, to]) => [
          { ts: from, delta: 1 },
          { ts: to, delta: -1 },
        ]);
        let area = 0;
        let length = 0;
        sweep([steps], 0, 1000, (dt, [n]) => {
          expect(n).toBeGreaterThanOrEqual(0);
          area += dt * n!;
          length += dt;
        });
        expect(area).toBe(spans.reduce((sum, [from, to]) => sum + (to - from), 0));
        expect(length).toBe(1000);
      }),
    );
  });

  it('clips to the range but counts what started before it', () => {
    const seen: [number, number][] = [];
    sweep(
      [
        [
          { ts: 0, delta: 1 },
          { ts: 50, delta: 1 },
          { ts: 200, delta: -2 },
        ],
      ],
      10,
      100,
      (dt, [n]) => seen.push([dt, n!]),
    );
    expect(seen).toEqual([
      [40, 1],
      [50, 2],
    ]);
  });
});

describe('taskSpans', () => {
  it('joins submit, start and end by task id, and runs an unfinished task to the end of the trace', () => {
    const events: TraceEvent[] = [
      submit(1, '0:0'),
      submit(1, '0:1'),
      start(2, '0:1', 1, 202),
      start(3, '0:0', 0, 201),
      end(4, '0:1', 1, 202),
      { type: 'output', ts: 9, pid: 1, tid: 0, stream: 'stdout', line: 'bye' },
    ];
    const spans = taskSpans(buildView(events, { cores: 2 }));
    expect(spans.map((t) => [t.taskId, t.submit, t.start, t.end, t.workerId])).toEqual([
      ['0:1', 1, 2, 4, 1],
      ['0:0', 1, 3, 9, 0],
    ]);
  });
});
