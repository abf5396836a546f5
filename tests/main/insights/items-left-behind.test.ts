import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../../src/main/insights/index';
import { LEFT_BEHIND_GRACE_US } from '../../../src/main/insights/items-left-behind';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { get, MAIN, obj, P1, P2, P3, P4, procExit, procStart, put, sorted } from './trace-builder';

const leftBehind = (events: TraceEvent[]) =>
  computeInsights(events, { cores: 2 }).filter((i) => i.kind === 'items-left-behind');

/** mpmc-naive: 2 producers put 5 items each; 2 consumers take 6 between them and exit. */
function mpmcNaive(): TraceEvent[] {
  const q = obj('queue', 'work');
  let depth = 0;
  const events: TraceEvent[] = [
    procStart(0, P1, 'producer-1'),
    procStart(0, P2, 'producer-2'),
    procStart(0, P3, 'consumer-1'),
    procStart(0, P4, 'consumer-2'),
  ];
  for (let k = 0; k < 5; k++) events.push(put(10 + k, P1, q, ++depth));
  for (let k = 0; k < 5; k++) events.push(put(20 + k, P2, q, ++depth));
  // Each consumer stops at the first sentinel it takes (its fifth and first item): 4 items stay.
  for (let k = 0; k < 5; k++) events.push(get(30 + k, P3, q, --depth));
  events.push(procExit(40, P3, 'consumer-1'));
  events.push(get(41, P4, q, depth - 1));
  events.push(procExit(42, P4, 'consumer-2'));
  events.push(procExit(43, P1, 'producer-1'), procExit(44, P2, 'producer-2'));
  return events;
}

describe('items-left-behind', () => {
  it('reports the mpmc-naive queue: items left when both consumers exited', () => {
    const [insight, ...rest] = leftBehind(mpmcNaive());
    expect(rest).toEqual([]);
    expect(insight!.severity).toBe('problem');
    expect(insight!.message).toBe(
      'work still held 4 items at the end, but all 2 of its consumers had gone ' +
        '(consumer-1 (pid 103) exited and consumer-2 (pid 104) exited): 6 of 10 items put were taken.',
    );
    expect(insight!.evidence).toMatchObject({
      fromTs: 42,
      toTs: 44,
      pids: [103, 104],
      details: { depth: 4 },
    });
    expect(insight!.fix).toContain('one sentinel per consumer');
  });

  it('reports a consumer that did not exit but stopped getting while items waited past the grace time', () => {
    const q = obj('queue', 'q');
    const events = [put(1, P1, q, 1), get(2, MAIN, q, 0), put(10, P1, q, 1), put(11, P1, q, 2)];
    expect(leftBehind([...events, procExit(11 + LEFT_BEHIND_GRACE_US, P1, 'P')])[0]!.message).toContain(
      'its only consumer, pid 100, had stopped getting',
    );
    // Within the grace time a live consumer may still be on its way.
    expect(leftBehind([...events, procExit(11 + LEFT_BEHIND_GRACE_US / 2, P1, 'P')])).toEqual([]);
  });

  it('does not report a drained queue, a queue nobody consumed, or one a live consumer still serves', () => {
    const q = obj('queue');
    expect(leftBehind([put(1, P1, q, 1), get(2, P2, q, 0), procExit(3, P2, 'c')])).toEqual([]);
    expect(leftBehind([put(1, P1, q, 1), procExit(100_000, P1, 'p')])).toEqual([]);
    const oneLeft = sorted([
      put(1, P1, q, 1),
      put(2, P1, q, 2),
      get(3, P2, q, 1),
      procExit(4, P2, 'c1'),
      get(5, P3, q, 0),
      put(200_000, P1, q, 1),
      get(200_001, P3, q, 0),
      put(200_002, P1, q, 1),
      procExit(200_010, P1, 'p'),
    ]);
    expect(leftBehind(oneLeft)).toEqual([]);
  });
});
