import { describe, expect, it } from 'vitest';
import { expected } from '../../src/scenarios/pipe';
import { byTime, eventsOf, runScenario } from './run-through-session';

describe('pipe scenario', () => {
  it("receives the child's message in the parent, and joins the child", async () => {
    const { summary, events, output } = await runScenario('pipe');
    expect(summary).toMatchObject({ result: ['hello world'], expected: expected(), ok: true });
    expect(output).toContain('["hello world"]');

    // The child (not the session) sent it, the parent received it, then the child exited.
    const [start] = eventsOf(events, 'process-start');
    const [send] = eventsOf(events, 'pipe-send');
    const [recv] = eventsOf(events, 'pipe-recv');
    const [exit] = eventsOf(events, 'process-exit');
    expect(send).toMatchObject({ pid: start!.pid });
    expect(recv).toMatchObject({ ok: true, pid: start!.parentPid, objectId: send!.objectId });
    expect(recv!.end).not.toBe(send!.end);
    expect(exit).toMatchObject({ pid: start!.pid, exitCode: 0 });
    expect(byTime([send!, recv!]).map((e) => e.type)).toEqual(['pipe-send', 'pipe-recv']);
    expect(summary.insights?.filter((i) => i.severity === 'problem')).toEqual([]);
  });
});
