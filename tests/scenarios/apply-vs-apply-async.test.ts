import { describe, expect, it } from 'vitest';
import { expected } from '../../src/scenarios/apply-vs-apply-async';
import { ofType, runScenario, taskSpans } from '../fixtures/scenarios/run-scenario';

const NUMBERS = [0, 1, 2, 3, 4, 5, 6, 7];

describe('apply-vs-apply-async scenario', () => {
  it('expects every task number in submission order, whatever the mode', () => {
    expect(expected()).toEqual(NUMBERS);
  });

  it('apply: strictly one task at a time, each submitted after the previous ended', async () => {
    const run = await runScenario('apply-vs-apply-async', { mode: 'apply', workers: 4 });
    expect(run.summary).toMatchObject({ result: NUMBERS, expected: NUMBERS, ok: true, tasks: 8 });

    const spans = taskSpans(run.events).sort((a, b) => a.start - b.start);
    const submits = ofType(run.events, 'task-submit').sort((a, b) => a.ts - b.ts);
    expect(spans).toHaveLength(8);
    expect(submits).toHaveLength(8);
    for (let i = 1; i < spans.length; i++) {
      expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
      expect(submits[i]!.ts).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    }
    expect(run.summary.insights?.map((i) => i.kind)).toContain('serialised');
    expect(run.output.filter((line) => /^\d$/.test(line))).toEqual(NUMBERS.map(String));
  });

  it('applyAsync: all eight submitted at once, and tasks overlap', async () => {
    const run = await runScenario('apply-vs-apply-async', { mode: 'applyAsync', workers: 4 });
    expect(run.summary).toMatchObject({ result: NUMBERS, expected: NUMBERS, ok: true, tasks: 8 });

    const spans = taskSpans(run.events);
    const submits = ofType(run.events, 'task-submit');
    expect(spans).toHaveLength(8);
    expect(Math.max(...submits.map((e) => e.ts))).toBeLessThan(Math.min(...spans.map((s) => s.end)));
    const overlapping = spans.some((a) => spans.some((b) => a !== b && a.start < b.end && b.start < a.end));
    expect(overlapping).toBe(true);
    expect(run.summary.workers).toBeGreaterThanOrEqual(2);
    expect(run.summary.insights?.map((i) => i.kind)).not.toContain('serialised');
    expect([...run.output.filter((line) => /^\d$/.test(line))].sort()).toEqual(NUMBERS.map(String));
  });
});
