import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../src/shared/contract';
import type { CurrentTrace } from '../../../src/renderer/client/trace-intake';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import {
  initialAppState,
  isBusy,
  reduceApp,
  type AppAction,
  type AppState,
} from '../../../src/renderer/state/app-state';

const submit = (taskId: string, ts: number): TraceEvent => ({
  type: 'task-submit',
  ts,
  taskId,
  name: 'sq',
  args: '1',
});
const trace = (sessionId: string, events: TraceEvent[], hostNowUs = 0, localMs = 0): AppAction => ({
  type: 'trace',
  batch: { sessionId, events, hostNowUs },
  localMs,
});
const status = (sessionId: string, state: SessionStatus['state'], extra: Partial<SessionStatus> = {}) =>
  ({ type: 'status', status: { sessionId, scenario: 'p', state, startedUs: 1_000, ...extra } }) as const;
const current = (reply: CurrentTrace | null, localMs = 0): AppAction => ({
  type: 'current',
  current: reply,
  localMs,
});
const start = (taskId: string, ts: number): TraceEvent => ({
  type: 'task-start',
  ts,
  taskId,
  workerId: 0,
  pid: 7,
});

describe('reduceApp', () => {
  it('runs a session through starting → running → finished, adopting the id from the reply', () => {
    let state = initialAppState(2);
    state = reduceApp(state, [{ type: 'start-requested', scenario: 'pool-map' }]);
    expect(isBusy(state.session)).toBe(true);
    expect(state.session).toMatchObject({ sessionId: null, phase: 'starting', scenario: 'pool-map' });
    state = reduceApp(state, [{ type: 'start-replied', sessionId: 's1' }]);
    expect(state.session).toMatchObject({ sessionId: 's1', phase: 'running' });
    const summary = { scenario: 'pool-map', params: {}, result: 1, durationMs: 5, tasks: 1, workers: 1 };
    state = reduceApp(state, [
      {
        type: 'status',
        status: {
          sessionId: 's1',
          scenario: 'pool-map',
          state: 'finished',
          startedUs: 1,
          endedUs: 9,
          summary,
        },
      },
    ]);
    expect(state.session).toMatchObject({ phase: 'finished', summary });
    expect(isBusy(state.session)).toBe(false);
  });

  it('keeps pushes that arrive before the start reply', () => {
    let state = reduceApp(initialAppState(1), [{ type: 'start-requested', scenario: 'p' }]);
    state = reduceApp(state, [trace('s1', [submit('1:0', 10)]), { type: 'start-replied', sessionId: 's1' }]);
    expect(state.session?.sessionId).toBe('s1');
    expect(state.session?.trace.tasks.has('1:0')).toBe(true);
  });

  it('applies every batch of a frame, in one go, to the right session', () => {
    let state = reduceApp(initialAppState(1), [{ type: 'start-replied', sessionId: 'a' }]);
    state = reduceApp(state, [
      trace('a', [submit('1:0', 10)]),
      trace('a', [submit('1:1', 11)]),
      // A new session (e.g. started by another client) replaces the old one...
      trace('b', [submit('2:0', 20)]),
      // ...and late batches of the old one are dropped.
      trace('a', [submit('1:2', 12)]),
    ]);
    expect(state.session?.sessionId).toBe('b');
    expect([...state.session!.trace.tasks.keys()]).toEqual(['2:0']);
    expect(state.retired).toEqual(['a']);
  });

  it('records a failed start as a failed session with the error', () => {
    let state = reduceApp(initialAppState(1), [{ type: 'start-requested', scenario: 'p' }]);
    const error = { code: 'busy', name: 'Error', message: 'busy' } as const;
    state = reduceApp(state, [{ type: 'start-failed', error }]);
    expect(state.session).toMatchObject({ phase: 'failed', error });
    expect(isBusy(state.session)).toBe(false);
  });

  it('keeps the newest host clock stamp with its local arrival time, whichever session it came with', () => {
    let state = reduceApp(initialAppState(1), [trace('s', [submit('1:0', 5_000)], 6_000, 1.5)]);
    expect(state.clock).toEqual({ hostUs: 6_000, localMs: 1.5 });
    // The newest stamp wins, even one with no events or for a session that was replaced.
    state = reduceApp(state, [trace('s', [], 8_000, 3), trace('old', [], 9_000, 4)]);
    expect(state.clock).toEqual({ hostUs: 9_000, localMs: 4 });
    // A stamp that is not a number is ignored.
    state = reduceApp(state, [trace('s', [], Number.NaN, 5)]);
    expect(state.clock).toEqual({ hostUs: 9_000, localMs: 4 });
  });

  it('takes time zero and the end from the statuses, so cut-off tasks can be drawn to the end', () => {
    let state = reduceApp(initialAppState(1), [trace('s', [submit('1:0', 5_000)])]);
    expect(state.session).toMatchObject({ startedUs: null, endedUs: null });
    state = reduceApp(state, [status('s', 'running', { startedUs: 4_000 })]);
    expect(state.session).toMatchObject({ startedUs: 4_000, endedUs: null });
    state = reduceApp(state, [status('s', 'stopped', { startedUs: 4_000, endedUs: 13_000 })]);
    expect(state.session).toMatchObject({ phase: 'stopped', startedUs: 4_000, endedUs: 13_000 });
  });

  it('counts samples, bumps the version once per sample, and keeps the newest rate', () => {
    const state = reduceApp(initialAppState(1), [
      { type: 'sample', sample: { t: 1, hz: 10, cores: [{ user: 1, system: 0 }], total: 1 } },
      { type: 'sample', sample: { t: 2, hz: 25, cores: [{ user: 2, system: 0 }], total: 2 } },
    ]);
    expect(state.samples.received).toBe(2);
    expect(state.samples.ring.size).toBe(2);
    expect(state.samples.hz).toBe(25);
  });

  it('returns the same state object for a connection state it already has', () => {
    const state = initialAppState(1, 'open');
    expect(reduceApp(state, [{ type: 'connection', state: 'open' }])).toBe(state);
    expect(reduceApp(state, [{ type: 'connection', state: 'reconnecting' }]).connection).toBe('reconnecting');
  });
});

describe('reduceApp: session:current replies', () => {
  const running = (
    sessionId: string,
    events: TraceEvent[],
    extra: Partial<CurrentTrace> = {},
  ): CurrentTrace => ({
    status: { sessionId, scenario: 'pool-map', state: 'running', startedUs: 1_000 },
    events,
    truncated: false,
    hostNowUs: 50_000,
    ...extra,
  });
  const taskIds = (state: AppState) => [...(state.session?.trace.tasks.keys() ?? [])].sort();

  it('shows a run already under way when the page opens, with its clock', () => {
    const state = reduceApp(initialAppState(1), [
      current(running('s1', [submit('1:0', 2_000), start('1:0', 3_000)]), 7),
    ]);
    expect(state.session).toMatchObject({
      sessionId: 's1',
      scenario: 'pool-map',
      phase: 'running',
      startedUs: 1_000,
      endedUs: null,
      truncated: false,
    });
    expect(state.session?.trace.tasks.get('1:0')).toMatchObject({ submitTs: 2_000, startTs: 3_000 });
    expect(state.clock).toEqual({ hostUs: 50_000, localMs: 7 });
    expect(isBusy(state.session)).toBe(true);
  });

  it('shows a finished run with its summary and end', () => {
    const summary = { scenario: 'pool-map', params: {}, result: 1, durationMs: 5, tasks: 1, workers: 1 };
    const reply = running('s1', [submit('1:0', 2_000)], {
      status: {
        sessionId: 's1',
        scenario: 'pool-map',
        state: 'finished',
        startedUs: 1_000,
        endedUs: 9_000,
        summary,
      },
    });
    const state = reduceApp(initialAppState(1), [current(reply)]);
    expect(state.session).toMatchObject({ phase: 'finished', summary, endedUs: 9_000 });
    expect(isBusy(state.session)).toBe(false);
  });

  it('replaces what pushes before it built, and lets later pushes add to it', () => {
    let state = reduceApp(initialAppState(1), [
      trace('s1', [submit('1:0', 2_000)]),
      // The reply holds everything up to when it was sent, pushes that came before it included.
      current(running('s1', [submit('1:0', 2_000), submit('1:1', 2_100)])),
      trace('s1', [submit('1:2', 2_200)]),
    ]);
    expect(taskIds(state)).toEqual(['1:0', '1:1', '1:2']);
    // The same session refreshed (a reconnect) is replaced in place, not retired.
    state = reduceApp(state, [current(running('s1', [submit('1:5', 2_500)], { truncated: true }))]);
    expect(taskIds(state)).toEqual(['1:5']);
    expect(state.session?.truncated).toBe(true);
    expect(state.retired).toEqual([]);
  });

  it('replaces a different session shown before (e.g. a run started while disconnected)', () => {
    let state = reduceApp(initialAppState(1), [trace('old', [submit('0:0', 10)]), status('old', 'finished')]);
    state = reduceApp(state, [current(running('new', [submit('1:0', 20)]))]);
    expect(state.session?.sessionId).toBe('new');
    expect(taskIds(state)).toEqual(['1:0']);
    expect(state.retired).toEqual(['old']);
    // Late pushes of the replaced session stay dropped.
    state = reduceApp(state, [trace('old', [submit('0:1', 11)])]);
    expect(state.session?.sessionId).toBe('new');
  });

  it('leaves a run this page is starting alone, and never brings back a replaced session', () => {
    let state = reduceApp(initialAppState(1), [{ type: 'start-requested', scenario: 'pool-map' }]);
    state = reduceApp(state, [current(running('before', []), 3)]);
    expect(state.session).toMatchObject({ sessionId: null, phase: 'starting' });
    // Its clock stamp still counts.
    expect(state.clock).toEqual({ hostUs: 50_000, localMs: 3 });

    state = reduceApp(state, [{ type: 'start-replied', sessionId: 'mine' }]);
    state = reduceApp(state, [
      { type: 'start-requested', scenario: 'pool-map' },
      { type: 'start-replied', sessionId: 'next' },
    ]);
    state = reduceApp(state, [current(running('mine', []))]);
    expect(state.session?.sessionId).toBe('next');
  });

  it('clears the shown session when the host has none (a restarted host)', () => {
    let state = reduceApp(initialAppState(1), [trace('s1', [submit('1:0', 10)])]);
    state = reduceApp(state, [current(null)]);
    expect(state.session).toBeNull();
    expect(state.retired).toEqual(['s1']);
    const empty = initialAppState(1);
    expect(reduceApp(empty, [current(null)])).toBe(empty);
  });
});
