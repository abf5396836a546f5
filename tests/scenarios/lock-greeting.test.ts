import { describe, expect, it } from 'vitest';
import { expected } from '../../src/scenarios/lock-greeting';
import { byTime, eventsOf, runScenario } from './run-through-session';

const NAMES = ['Alex', 'Sam', 'Bernard', 'Patrick', 'Jude', 'Williams'];

describe('lock-greeting scenario', () => {
  it('joins all six processes; each greets once, in a whole line, one at a time under the lock', async () => {
    const { summary, events, output } = await runScenario('lock-greeting');
    expect(summary).toMatchObject({ expected: expected(), ok: true });
    expect(summary.result).toEqual(Object.fromEntries(NAMES.map((n) => [n, 0])));

    // One whole line per process, from that process.
    const starts = new Map(eventsOf(events, 'process-start').map((e) => [e.name, e.pid]));
    expect([...starts.keys()].sort()).toEqual([...NAMES].sort());
    // The six processes' lines (the session's own ctx.log lines are output events too).
    const children = new Set(starts.values());
    const lines = eventsOf(events, 'output').filter((e) => e.stream === 'stdout' && children.has(e.pid));
    expect(lines.map((e) => e.line).sort()).toEqual(NAMES.map((n) => `hello ${n}`).sort());
    for (const e of lines) expect(e.pid).toBe(starts.get(e.line.slice('hello '.length)));
    expect(output.filter((l) => l.startsWith('hello')).sort()).toEqual(NAMES.map((n) => `hello ${n}`).sort());

    // Holds of the lock never overlap: every acquire comes after the previous holder's release.
    const holds = byTime(events.filter((e) => e.type === 'lock-acquire' || e.type === 'lock-release'));
    expect(holds.map((e) => e.type)).toEqual(NAMES.flatMap(() => ['lock-acquire', 'lock-release']));
    for (let i = 0; i < holds.length; i += 2) expect(holds[i + 1]!.pid).toBe(holds[i]!.pid);
    expect(new Set(holds.map((e) => e.pid)).size).toBe(NAMES.length);
    expect(eventsOf(events, 'process-exit').map((e) => e.exitCode)).toEqual(NAMES.map(() => 0));
  });
});
