import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceKeeper, machineCores, withInsights } from '../../../src/main/session/run-insights';
import type { RunSummary } from '../../../src/shared/scenarios';
import { encodeEvents } from '../../../src/shared/trace-chunk';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { P1, P2, obj, read, write } from '../insights/trace-builder';

const SUMMARY: RunSummary = {
  scenario: 'race-counter',
  params: { lock: false },
  result: 1,
  expected: 2,
  ok: false,
  durationMs: 12,
  tasks: 2,
  workers: 2,
};

/** Two workers both read 0 and both write 1: one increment lost. */
function lostIncrement(): TraceEvent[] {
  const counter = obj('value', 'counter');
  return [
    read(10, P1, counter, 0),
    read(11, P2, counter, 0),
    write(12, P1, counter, 1),
    write(13, P2, counter, 1),
  ];
}

describe('TraceKeeper', () => {
  it('keeps the newest whole chunks within `max` events, decoded in arrival order, and says when it dropped some', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.array(fc.nat(1000), { maxLength: 30 }), { maxLength: 12 }),
        (max, batches) => {
          const keeper = new TraceKeeper(max);
          const kept: TraceEvent[][] = [];
          let dropped = false;
          for (const batch of batches) {
            const events = batch.map((ts) => ({ type: 'task-submit', ts, taskId: `${ts}` }) as TraceEvent);
            keeper.add(encodeEvents(events));
            if (events.length > 0) kept.push(events);
            // The oldest chunks go while the rest exceeds `max`; the newest always stays.
            while (kept.length > 1 && kept.flat().length > max) {
              kept.shift();
              dropped = true;
            }
            expect(keeper.list()).toEqual(kept.flat());
          }
          expect(keeper.truncated).toBe(dropped);
        },
      ),
    );
  });
});

describe('withInsights', () => {
  it("adds the trace's insights, judged against the run's expected and actual result", () => {
    const summary = withInsights(SUMMARY, lostIncrement(), 2);
    expect(summary).toEqual({ ...SUMMARY, insights: expect.any(Array) });
    expect(summary.insights!.map((i) => i.kind)).toEqual(['lost-updates']);
    expect(summary.insights![0]!.evidence.details).toMatchObject({ lost: 1, expected: 2, observed: 1 });
  });

  it('answers an empty list for a trace with nothing to say', () => {
    expect(withInsights(SUMMARY, [], 2).insights).toEqual([]);
  });

  it('still reports the run, without insights, when the engine cannot judge the trace', () => {
    const errors: unknown[] = [];
    const summary = withInsights(SUMMARY, lostIncrement(), 0, (error) => errors.push(error));
    expect(summary).toEqual(SUMMARY);
    expect(errors).toEqual([expect.any(RangeError)]);
  });

  it("counts this machine's logical CPUs", () => {
    expect(Number.isInteger(machineCores()) && machineCores() >= 1).toBe(true);
  });
});
