import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../../src/main/insights/index';
import type { Actor, TraceEvent } from '../../../src/shared/trace-schema';
import { acq, obj, rel, req, sorted, spawn, task, type Obj } from './trace-builder';

const serialised = (events: TraceEvent[]) =>
  computeInsights(events, { cores: 2 }).filter((i) => i.kind === 'serialised');

const W0 = 201;
const W1 = 202;
const workers = [spawn(0, 0, W0), spawn(0, 1, W1)];

/** `n` tasks of `us` each, alternating workers, each submitted when the previous ended (`apply` in a loop). */
function applyLoop(n: number, us: number): TraceEvent[] {
  const events = [...workers];
  for (let k = 0; k < n; k++) {
    const from = 100 + k * (us + 10);
    events.push(...task(`${k}:0`, k % 2, k % 2 ? W1 : W0, from + 5, from + 5 + us, from));
  }
  return events;
}

/** A task on `workerId` whose actor holds `lock` from `lockFrom` (request) to `lockTo`. */
function lockedTask(
  id: string,
  workerId: number,
  actor: Actor,
  lock: Obj,
  span: [number, number],
  lockFrom: number,
  acquired: number,
  lockTo: number,
): TraceEvent[] {
  return [
    ...task(id, workerId, actor.pid, span[0], span[1]),
    req(lockFrom, actor, lock),
    acq(acquired, actor, lock),
    rel(lockTo, actor, lock),
  ];
}

describe('serialised', () => {
  it('reports tasks submitted one by one after each result (apply in a loop)', () => {
    const [insight, ...rest] = serialised(applyLoop(8, 2_000));
    expect(rest).toEqual([]);
    expect(insight!.severity).toBe('warning');
    expect(insight!.message).toBe(
      '8 tasks ran one at a time on a pool of 2 workers: each was submitted only after the previous one had ' +
        'finished (`apply` in a loop?); they took 16 ms, where 2 at once could take about 8 ms.',
    );
    expect(insight!.evidence.taskIds).toHaveLength(8);
    expect(insight!.fix).toContain('applyAsync');
  });

  it('counts an apply loop from when a second worker was up, while the pool was still starting', () => {
    // 8 tasks of 2 ms, one every 2 010 µs from 105 µs; W1 comes up at 6 000 µs, during the third.
    const late = [spawn(0, 0, W0), spawn(6_000, 1, W1)];
    const loop = applyLoop(8, 2_000).filter((e) => e.type !== 'worker-spawn');
    const [insight, ...rest] = serialised([...late, ...loop]);
    expect(rest).toEqual([]);
    // The third task (running when W1 came up) and the five after it.
    expect(insight!.message).toMatch(/^6 tasks ran one at a time on a pool of 2 workers/);
    // Up only for the last two tasks: too few to say the loop held anything back.
    const last = [spawn(0, 0, W0), spawn(14_000, 1, W1)];
    expect(serialised([...last, ...loop])).toEqual([]);
  });

  it('finds an apply loop after tasks that did overlap', () => {
    const warmup = [...task('w:0', 0, W0, 10, 60, 5), ...task('w:1', 1, W1, 20, 70, 5)];
    const loop = applyLoop(5, 3_000).filter((e) => e.type !== 'worker-spawn');
    const [insight] = serialised([...workers, ...warmup, ...loop]);
    expect(insight!.message).toMatch(
      /^\d tasks ran one at a time on a pool of 2 workers: each was submitted only after/,
    );
  });

  it('reports tasks submitted together that all went to one worker', () => {
    const events = [...workers];
    for (let k = 0; k < 4; k++)
      events.push(...task(`0:${k}`, 0, W0, 100 + k * 3_000, 100 + (k + 1) * 3_000, 50));
    const [insight] = serialised(events);
    expect(insight!.message).toContain('they waited in line for worker 0 while the others stayed idle');
    expect(insight!.fix).toContain('chunksize');
  });

  it('does not report tasks in line on one worker while every other worker was busy (pool-map-sleep)', () => {
    // A (5 units) on worker 0; B (2), C (1), D (3) in line on worker 1: the right schedule.
    const unit = 10_000;
    const events = [
      ...workers,
      ...task('0:0', 0, W0, 100, 100 + 5 * unit, 50),
      ...task('0:1', 1, W1, 110, 110 + 2 * unit, 50),
      ...task('0:2', 1, W1, 110 + 2 * unit, 110 + 3 * unit, 50),
      ...task('0:3', 1, W1, 110 + 3 * unit, 110 + 6 * unit, 50),
    ];
    expect(serialised(sorted(events))).toEqual([]);
  });

  it('does not report overlapping tasks, tiny tasks, or a pool of one worker', () => {
    const overlapping = [...workers];
    for (let k = 0; k < 8; k++) {
      const round = k >> 1;
      overlapping.push(
        ...task(`0:${k}`, k % 2, k % 2 ? W1 : W0, 100 + round * 2_000, 99 + (round + 1) * 2_000, 50),
      );
    }
    expect(serialised(sorted(overlapping))).toEqual([]);
    expect(serialised(applyLoop(8, 100))).toEqual([]);
    const oneWorker = [spawn(0, 0, W0)];
    for (let k = 0; k < 8; k++)
      oneWorker.push(...task(`${k}:0`, 0, W0, 100 + k * 2_010, 2_100 + k * 2_010, 90 + k * 2_010));
    expect(serialised(oneWorker)).toEqual([]);
  });

  it('does not report tasks submitted together that did not overlap on several workers (a slow start)', () => {
    // Worker 1 started its task only after worker 0 had run two: loading its module, untraced.
    const events = [
      ...workers,
      ...task('0:0', 0, W0, 1_000, 6_000, 10),
      ...task('0:1', 0, W0, 6_001, 11_000, 10),
      ...task('0:2', 1, W1, 11_001, 16_000, 10),
    ];
    expect(serialised(events)).toEqual([]);
  });

  it('reports a lock held across whole tasks that overlap (process workers)', () => {
    const lock = obj('lock', 'print-lock');
    const A: Actor = { pid: W0, tid: 0 };
    const B: Actor = { pid: W1, tid: 0 };
    const events = [
      ...workers,
      // Both start at once; B waits for the lock while A holds it, then holds it itself.
      ...lockedTask('0:0', 0, A, lock, [100, 3_100], 101, 102, 3_099),
      ...lockedTask('0:1', 1, B, lock, [100, 6_100], 101, 3_100, 6_099),
      ...lockedTask('0:2', 0, A, lock, [3_101, 9_101], 3_102, 6_100, 9_100),
      ...lockedTask('0:3', 1, B, lock, [6_101, 12_101], 6_102, 9_101, 12_100),
    ];
    const [insight, ...rest] = serialised(sorted(events));
    expect(rest).toEqual([]);
    expect(insight!.message).toMatch(
      /^print-lock was held across whole tasks: 4 of 4 tasks spent 100% of their time waiting for it or holding it \(held 57%\)/,
    );
    expect(insight!.evidence.objectIds).toEqual([lock.objectId]);
    expect(insight!.fix).toContain('only around the shared step');
  });

  it('matches lock spans to thread workers of one process too', () => {
    const lock = obj('lock', 'L');
    const pid = 100;
    const threads = [spawn(0, 0, pid, 'thread'), spawn(0, 1, pid, 'thread')];
    const A: Actor = { pid, tid: 1 };
    const B: Actor = { pid, tid: 2 };
    const events = [
      ...threads,
      ...lockedTask('0:0', 0, A, lock, [100, 3_100], 101, 102, 3_099),
      ...lockedTask('0:1', 1, B, lock, [100, 6_100], 101, 3_100, 6_099),
      ...lockedTask('0:2', 0, A, lock, [3_101, 9_101], 3_102, 6_100, 9_100),
    ];
    expect(serialised(sorted(events))).toHaveLength(1);
  });

  it('does not report a lock held for a short step of each task', () => {
    const lock = obj('lock', 'L');
    const A: Actor = { pid: W0, tid: 0 };
    const B: Actor = { pid: W1, tid: 0 };
    const events = [
      ...workers,
      ...lockedTask('0:0', 0, A, lock, [100, 3_100], 2_800, 2_801, 3_000),
      ...lockedTask('0:1', 1, B, lock, [100, 3_100], 2_900, 3_000, 3_050),
      ...lockedTask('0:2', 0, A, lock, [3_200, 6_200], 5_900, 5_901, 6_000),
      ...lockedTask('0:3', 1, B, lock, [3_200, 6_200], 6_000, 6_001, 6_100),
    ];
    expect(serialised(sorted(events))).toEqual([]);
  });
});
