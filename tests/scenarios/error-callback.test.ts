import { describe, expect, it } from 'vitest';
import type { ErrorCallbackResult } from '../../src/scenarios/error-callback';
import { eventsOf, runCliJson, runScenario } from './run-through-session';

describe('error-callback scenario', () => {
  it("hands the worker's stack trace to the error callback and into the result", async () => {
    const { summary, events, output } = await runScenario('error-callback');
    const result = summary.result as ErrorCallbackResult;
    expect(result.parsed).toEqual({ a: 1, b: 2, d: 4 });
    expect(result.errors).toHaveLength(1);
    const [caught] = result.errors;
    expect(caught).toMatchObject({
      record: 'c=three',
      task: 'parseRecord',
      error: 'TypeError: not a number: "three"',
    });
    // The remote stack names where it was thrown in the worker: the helper, then the task.
    expect(caught!.remoteStack).toMatch(
      /^TypeError: not a number: "three"\n\s+at toNumber \(\S*error-callback\.ts:\d+:\d+\)\n\s+at parseRecord \(\S*error-callback\.ts:\d+:\d+\)/,
    );
    // print_traceback: the callback printed the local error with the remote stack appended.
    const printed = output.join('\n');
    expect(printed).toContain('RemoteTaskError: not a number: "three"');
    expect(printed).toMatch(
      /Remote stack \(worker \d+, pid \d+\):\nTypeError: not a number: "three"\n\s+at toNumber/,
    );
    // One task failed; the other three ran on the same pool.
    const ends = eventsOf(events, 'task-end');
    expect(ends.filter((e) => !e.ok)).toHaveLength(1);
    expect(ends.filter((e) => e.ok)).toHaveLength(3);
    // No expectation to compare with: the run reports, it does not pass or fail.
    expect(summary.ok).toBeUndefined();
  });

  it('prints the remote stack in `parascope run --json` and exits 0', async () => {
    const { code, summary } = await runCliJson('error-callback');
    expect(code).toBe(0);
    expect((summary.result as ErrorCallbackResult).errors[0]!.remoteStack).toContain('at parseRecord');
    expect(summary.insights).toEqual([]);
  });
});
