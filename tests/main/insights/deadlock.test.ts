import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../../src/main/insights/index';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { acq, obj, P1, P2, P3, procStart, rel, req } from './trace-builder';

const deadlocks = (events: TraceEvent[]) =>
  computeInsights(events, { cores: 2 }).filter((i) => i.kind === 'deadlock');

describe('deadlock (cycles)', () => {
  it('reports two processes each holding the lock the other waits for, until the end', () => {
    const a = obj('lock', 'fork-A');
    const b = obj('lock', 'fork-B');
    const events = [
      procStart(0, P1, 'Process-1'),
      procStart(1, P2, 'Process-2'),
      req(10, P1, a),
      acq(11, P1, a),
      req(12, P2, b),
      acq(13, P2, b),
      req(20, P1, b),
      req(21, P2, a),
      rel(1_000_021, P3, obj('lock')),
    ];
    const [insight, ...rest] = deadlocks(events);
    expect(rest).toEqual([]);
    expect(insight!.severity).toBe('problem');
    expect(insight!.message).toBe(
      'Deadlock: Process-2 (pid 102) waits for fork-A held by Process-1 (pid 101), ' +
        'Process-1 (pid 101) waits for fork-B held by Process-2 (pid 102); ' +
        'none of them can go on (stuck for 1 s until the end of the trace).',
    );
    expect(insight!.evidence).toMatchObject({ fromTs: 11, toTs: 1_000_021, pids: [102, 101] });
    expect(insight!.evidence.objectIds!.sort()).toEqual([a.objectId, b.objectId].sort());
    expect(insight!.evidence.events).toEqual([3, 5, 6, 7]);
    expect(insight!.fix).toContain('always fork-A, then fork-B');
  });

  it('reports a deadlock that only a timeout broke', () => {
    const a = obj('lock', 'A');
    const b = obj('lock', 'B');
    const events = [
      acq(1, P1, a),
      acq(2, P2, b),
      req(10, P1, b),
      req(11, P2, a),
      acq(500_010, P1, b, 'timeout'),
      rel(500_020, P1, a),
      acq(500_021, P2, a),
    ];
    const [insight] = deadlocks(events);
    expect(insight!.message).toContain("it ended only when pid 101's wait for B timed out after 500 ms");
    expect(insight!.evidence.toTs).toBe(500_010);
  });

  it('finds a cycle of three, and one closed by an acquire while its taker waits elsewhere', () => {
    const [a, b, c] = [obj('lock', 'A'), obj('lock', 'B'), obj('lock', 'C')];
    const three = [acq(1, P1, a), acq(2, P2, b), acq(3, P3, c), req(4, P1, b), req(5, P2, c), req(6, P3, a)];
    const [cycle] = deadlocks(three);
    expect(cycle!.evidence.details).toMatchObject({ actors: 3, locks: ['A', 'B', 'C'] });

    // P1 waits for A and B at once (Promise.all); A passes to it while P2, holding B, waits for A.
    const viaAcquire = [
      acq(1, P3, a),
      acq(2, P2, b),
      req(3, P2, a),
      req(4, P1, a),
      req(5, P1, b),
      rel(6, P3, a),
      acq(7, P1, a),
    ];
    expect(deadlocks(viaAcquire)).toHaveLength(1);
  });

  it('reports a Lock asked for again by its holder, and not an RLock', () => {
    const lock = obj('lock', 'L');
    const [insight] = deadlocks([req(1, P1, lock), acq(2, P1, lock), req(3, P1, lock)]);
    expect(insight!.message).toContain('asked for L while already holding it');
    expect(insight!.fix).toContain('RLock');
    const rlock = obj('rlock', 'R');
    expect(deadlocks([acq(2, P1, rlock), req(3, P1, rlock)])).toEqual([]);
  });

  it('does not report plain contention, nor a cycle some other context resolved by releasing', () => {
    const a = obj('lock', 'A');
    const b = obj('lock', 'B');
    const contention = [acq(1, P1, a), req(2, P2, a), rel(3, P1, a), acq(4, P2, a), rel(5, P2, a)];
    expect(deadlocks(contention)).toEqual([]);
    // A Lock may be released by anyone: P3 lets A go, so the cycle never was stuck.
    const resolved = [
      acq(1, P1, a),
      acq(2, P2, b),
      req(3, P1, b),
      req(4, P2, a),
      rel(5, P3, a),
      acq(6, P2, a),
    ];
    expect(deadlocks(resolved)).toEqual([]);
  });

  it('does not build cycles through semaphores (anyone may release them)', () => {
    const s = obj('semaphore', 'S');
    const t = obj('semaphore', 'T');
    expect(deadlocks([acq(1, P1, s), acq(2, P2, t), req(3, P1, t), req(4, P2, s)])).toEqual([]);
  });
});
