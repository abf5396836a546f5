import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { reduceActivity } from '../../../src/renderer/state/activity-reducer';
import { EMPTY_ACTIVITY } from '../../../src/renderer/state/activity-types';
import { ACTIVITY_RUN, KEYS } from '../../fixtures/traces/activity-trace';

// Lock events go through the activity reducer, which hands them to lock-tracker.ts.
const run = reduceActivity(EMPTY_ACTIVITY, ACTIVITY_RUN);
const lockBase = { objectId: 'L', kind: 'lock', name: 'L' } as const;

describe('lock tracking: waits, holds, contention', () => {
  it('times each wait and hold per actor, and counts contention per lock', () => {
    const lock = run.locks.get('100.0/1')!;
    expect(lock).toMatchObject({
      name: 'print-lock',
      requests: 3,
      acquisitions: 2,
      contended: 1,
      timeouts: 1,
      holds: 2,
      totalWaitUs: 1 + 900 + 1000,
      maxWaitUs: 1000,
      totalHoldUs: 899 + 500,
      maxHoldUs: 899,
    });
    const spans = [...run.spans].map((s) => [s.actor, s.phase, s.startTs, s.endTs, s.outcome, s.waitUs]);
    expect(spans).toEqual([
      [KEYS.p1, 'hold', 2001, 2900, 'acquired', 1],
      // Process-2 waited for Process-1's release; its 1 µs-style waits get no span of their own.
      [KEYS.p2, 'wait', 2100, 3000, 'acquired', 900],
      [KEYS.p2, 'hold', 3000, 3500, 'acquired', 900],
      [KEYS.p1, 'wait', 3600, 4600, 'timeout', 1000],
    ]);
    expect(run.open.size).toBe(0);
  });

  it('keeps waits and holds in progress open, to be drawn up to now', () => {
    const partial = reduceActivity(EMPTY_ACTIVITY, ACTIVITY_RUN.slice(0, 6));
    const open = [...partial.open.values()].flat().map((o) => [o.actor, o.phase, o.startTs]);
    expect(open).toEqual([
      [KEYS.p1, 'hold', 2001],
      [KEYS.p2, 'wait', 2100],
    ]);
  });

  it('closes a hold released by another context (a plain Lock allows it)', () => {
    const a = { pid: 1, tid: 0 };
    const b = { pid: 2, tid: 0 };
    const s = reduceActivity(EMPTY_ACTIVITY, [
      { type: 'lock-request', ts: 10, ...lockBase, ...a },
      { type: 'lock-acquire', ts: 11, ...lockBase, ...a, outcome: 'acquired' },
      { type: 'lock-release', ts: 50, ...lockBase, ...b },
    ]);
    expect([...s.spans].map((x) => [x.actor, x.phase, x.endTs])).toEqual([['1.0', 'hold', 50]]);
    expect(s.open.size).toBe(0);
  });

  it('marks a hold its holder died in (forced release) and the next one taken over (abandoned)', () => {
    const dead = { pid: 1, tid: 0 };
    const next = { pid: 2, tid: 0 };
    const s = reduceActivity(EMPTY_ACTIVITY, [
      { type: 'lock-request', ts: 10, ...lockBase, ...dead },
      { type: 'lock-acquire', ts: 10, ...lockBase, ...dead, outcome: 'acquired' },
      { type: 'lock-request', ts: 20, ...lockBase, ...next },
      { type: 'lock-release', ts: 90, ...lockBase, ...dead, forced: true },
      { type: 'lock-acquire', ts: 91, ...lockBase, ...next, outcome: 'abandoned' },
    ]);
    expect(s.locks.get('L')).toMatchObject({ forced: 1, abandoned: 1, acquisitions: 2, contended: 1 });
    expect([...s.spans].find((x) => x.phase === 'hold')).toMatchObject({ actor: '1.0', forced: true });
    expect([...s.open.values()].flat()).toMatchObject([
      { actor: '2.0', phase: 'hold', outcome: 'abandoned' },
    ]);
  });

  it('counts a wait as contended only when another actor held the lock meanwhile, in any arrival order', () => {
    const a = { pid: 1, tid: 0 };
    const b = { pid: 2, tid: 0 };
    // b's request, served by the owner, takes 150 µs with nobody holding the lock: not contended.
    const alone: TraceEvent[] = [
      { type: 'lock-request', ts: 100, ...lockBase, ...b },
      { type: 'lock-acquire', ts: 250, ...lockBase, ...b, outcome: 'acquired' },
      { type: 'lock-release', ts: 260, ...lockBase, ...b },
    ];
    expect(reduceActivity(EMPTY_ACTIVITY, alone).locks.get('L')!.contended).toBe(0);
    // a holds 300–400; b waits 350–401: contended, whether a's hold or b's wait arrives first.
    const hold: TraceEvent[] = [
      { type: 'lock-request', ts: 300, ...lockBase, ...a },
      { type: 'lock-acquire', ts: 300, ...lockBase, ...a, outcome: 'acquired' },
      { type: 'lock-release', ts: 400, ...lockBase, ...a },
    ];
    const wait: TraceEvent[] = [
      { type: 'lock-request', ts: 350, ...lockBase, ...b },
      { type: 'lock-acquire', ts: 401, ...lockBase, ...b, outcome: 'acquired' },
    ];
    for (const order of [
      [...hold, ...wait],
      [...wait, ...hold],
    ]) {
      expect(reduceActivity(EMPTY_ACTIVITY, order).locks.get('L')).toMatchObject({
        acquisitions: 2,
        contended: 1,
      });
    }
  });

  it('counts a semaphore wait as contended from a millisecond on, and trusts a `waited` flag when given', () => {
    const a = { pid: 1, tid: 0 };
    const sem = { objectId: 'S', kind: 'semaphore', name: 'S' } as const;
    const take = (r: number, t: number, extra = {}): TraceEvent[] => [
      { type: 'lock-request', ts: r, ...sem, ...a },
      { type: 'lock-acquire', ts: t, ...sem, ...a, outcome: 'acquired', ...extra },
    ];
    const s = reduceActivity(EMPTY_ACTIVITY, [...take(0, 999), ...take(1000, 2000)]);
    expect(s.locks.get('S')!.contended).toBe(1);
    const flagged = reduceActivity(EMPTY_ACTIVITY, [
      ...take(0, 5, { waited: true }),
      ...take(10, 5000, { waited: false }),
    ]);
    expect(flagged.locks.get('S')!.contended).toBe(1);
  });

  it('counts each hold of a semaphore taken twice by one actor', () => {
    const a = { pid: 1, tid: 0 };
    const sem = { objectId: 'S', kind: 'semaphore', name: 'S' } as const;
    const s = reduceActivity(EMPTY_ACTIVITY, [
      { type: 'lock-request', ts: 1, ...sem, ...a },
      { type: 'lock-acquire', ts: 1, ...sem, ...a, outcome: 'acquired' },
      { type: 'lock-request', ts: 2, ...sem, ...a },
      { type: 'lock-acquire', ts: 2, ...sem, ...a, outcome: 'acquired' },
      { type: 'lock-release', ts: 5, ...sem, ...a },
      { type: 'lock-release', ts: 9, ...sem, ...a },
    ]);
    expect(s.locks.get('S')).toMatchObject({ acquisitions: 2, holds: 2, totalHoldUs: 3 + 8 });
  });
});
