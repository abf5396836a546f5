import { describe, expect, it } from 'vitest';
import { idealSchedule, WORK, type SleepResult } from '../../src/scenarios/pool-map-sleep';
import type { TraceEvent } from '../../src/shared/trace-schema';
import { ofType, runScenario, taskSpans, type TaskSpan } from '../fixtures/scenarios/run-scenario';

/** The time unit of these runs (ms): long enough that a unit dwarfs message latency under load. */
const UNIT = 150;
const UNIT_US = UNIT * 1000;

/** Job names of each worker in the order it ran them, workers ordered by their first job. */
function lanesOf(spans: readonly TaskSpan[]): string[][] {
  const lanes = new Map<number, string[]>();
  for (const s of spans) lanes.set(s.workerId, [...(lanes.get(s.workerId) ?? []), WORK[s.index]![0]]);
  return [...lanes.values()];
}

/**
 * Checks that the pool dispatched as Python's does: chunks in order, each to the worker that came
 * free first. A worker comes free when it is up (`worker-spawn`) and when its chunk's last task
 * ends. The free moment each chunk was handed out at must not go back in time from one chunk to
 * the next, and no worker may have sat free, unused, from before a later chunk was handed out.
 * `tol` absorbs the messages between a task's end and the pool's next dispatch.
 */
function expectGreedy(events: readonly TraceEvent[], spans: readonly TaskSpan[], chunksize: number): void {
  const tol = 0.25 * UNIT_US;
  const freeAt = new Map(ofType(events, 'worker-spawn').map((e) => [e.workerId, e.ts]));
  const handedOut: number[] = [];
  for (let at = 0; at < spans.length; at += chunksize) {
    const chunk = spans.slice(at, at + chunksize);
    const worker = chunk[0]!.workerId;
    // A chunk runs whole, in order, on one worker.
    chunk.forEach((s, i) => {
      expect(s.workerId).toBe(worker);
      if (i > 0) expect(s.start).toBeGreaterThanOrEqual(chunk[i - 1]!.end);
    });
    const free = freeAt.get(worker);
    expect(free, `worker ${worker} has a worker-spawn`).toBeDefined();
    expect(chunk[0]!.start).toBeGreaterThanOrEqual(free!);
    handedOut.push(free!);
    freeAt.set(worker, chunk.at(-1)!.end);
  }
  const last = Math.max(...handedOut);
  handedOut.forEach((free, j) => {
    if (j > 0) expect(free).toBeGreaterThanOrEqual(handedOut[j - 1]! - tol);
  });
  for (const free of freeAt.values()) expect(free).toBeGreaterThanOrEqual(last - tol);
}

/** First start to last end of the jobs, in units. */
function makespan(spans: readonly TaskSpan[]): number {
  return (Math.max(...spans.map((s) => s.end)) - Math.min(...spans.map((s) => s.start))) / UNIT_US;
}

describe('pool-map-sleep scenario', () => {
  it('plans the notebook schedule for every worker count and chunk size', () => {
    expect(idealSchedule(2, 1)).toEqual({ lanes: [['A'], ['B', 'C', 'D']], makespan: 6 });
    expect(idealSchedule(2, 2)).toEqual({
      lanes: [
        ['A', 'B'],
        ['C', 'D'],
      ],
      makespan: 7,
    });
    expect(idealSchedule(1, 1)).toEqual({ lanes: [['A', 'B', 'C', 'D']], makespan: 11 });
    expect(idealSchedule(4, 1).makespan).toBe(5);
    expect(idealSchedule(3, 3)).toEqual({ lanes: [['A', 'B', 'C'], ['D']], makespan: 8 });
  });

  it('chunksize 1 on 2 workers: A alone on one worker; B, C, D in turn on the other', async () => {
    const run = await runScenario('pool-map-sleep', { workers: 2, chunksize: 1, unit: UNIT });
    const spans = taskSpans(run.events);
    expect(spans.map((s) => s.index)).toEqual([0, 1, 2, 3]);
    expectGreedy(run.events, spans, 1);

    // Each job slept its units: durations in proportion (A 5 : C 1), with slack for a loaded machine.
    const took = spans.map((s) => (s.end - s.start) / UNIT_US);
    took.forEach((units, i) => expect(units).toBeGreaterThanOrEqual(WORK[i]![1] * 0.95));
    expect(took[0]! / took[2]!).toBeGreaterThan(3);

    // The notebook's schedule holds whenever B's worker started less than 1.5 units after A's
    // (D goes to B's worker while it comes free before A ends: start skew under 2 units).
    const skew = (spans[1]!.start - spans[0]!.start) / UNIT_US;
    if (Math.abs(skew) < 1.5) {
      expect(lanesOf(spans)).toEqual([['A'], ['B', 'C', 'D']]);
      // D ends after A, as the notebook prints: 6 units in all, 1 more than the longest job.
      expect(spans[3]!.end).toBeGreaterThan(spans[0]!.end);
      expect(makespan(spans)).toBeGreaterThan(5.9);
      expect(makespan(spans)).toBeLessThan(6 + Math.max(skew, 0) + 1);
    }
    const result = run.summary.result as SleepResult;
    expect(result.lanes).toEqual(lanesOf(spans));
    expect(result.idealMakespan).toBe(6);
    expect(run.summary).toMatchObject({ tasks: 4, workers: 2 });
    expect(run.output).toEqual(
      expect.arrayContaining([' Process A waiting 5 units', ' Process D Finished.']),
    );
  });

  it('chunksize 2 on 2 workers: A+B on one worker, C+D on the other, which then idles', async () => {
    const run = await runScenario('pool-map-sleep', { workers: 2, chunksize: 2, unit: UNIT });
    const spans = taskSpans(run.events);
    expectGreedy(run.events, spans, 2);
    expect(lanesOf(spans)).toEqual([
      ['A', 'B'],
      ['C', 'D'],
    ]);
    // One worker is busy 7 units, the other 4: 7/4 with generous slack.
    const busy = (lane: TaskSpan[]) => lane.reduce((sum, s) => sum + s.end - s.start, 0);
    const ratio = busy(spans.slice(0, 2)) / busy(spans.slice(2));
    expect(ratio).toBeGreaterThan(1.4);
    expect(ratio).toBeLessThan(2.2);
    // Longer than with chunksize 1 (6): the chunk [A, B] alone takes 7 units.
    expect(makespan(spans)).toBeGreaterThan(6.9);
    expect(run.summary.result).toMatchObject({ lanes: lanesOf(spans), idealMakespan: 7 });
  });
});
