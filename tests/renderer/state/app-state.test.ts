import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { initialAppState, isBusy, reduceApp, type AppAction } from '../../../src/renderer/state/app-state';

const submit = (taskId: string, ts: number): TraceEvent => ({
  type: 'task-submit',
  ts,
  taskId,
  name: 'sq',
  args: '1',
});
const trace = (sessionId: string, events: TraceEvent[], localUs = 0): AppAction => ({
  type: 'trace',
  batch: { sessionId, events },
  localUs,
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
        status: { sessionId: 's1', scenario: 'pool-map', state: 'finished', summary },
        localUs: 0,
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

  it('estimates the host clock offset from the newest event and keeps the largest estimate', () => {
    let state = reduceApp(initialAppState(1), [trace('s', [submit('1:0', 5_000)], 1_000)]);
    expect(state.session?.clockOffsetUs).toBe(4_000);
    // A batch that was delayed in transit gives a smaller bound: ignored.
    state = reduceApp(state, [trace('s', [submit('1:1', 5_100)], 3_000)]);
    expect(state.session?.clockOffsetUs).toBe(4_000);
    state = reduceApp(state, [trace('s', [submit('1:2', 9_000)], 4_000)]);
    expect(state.session?.clockOffsetUs).toBe(5_000);
  });

  it('records when a session ended on the trace clock, so cut-off tasks can be drawn to it', () => {
    let state = reduceApp(initialAppState(1), [trace('s', [submit('1:0', 5_000)], 1_000)]);
    expect(state.session?.endedUs).toBeNull();
    state = reduceApp(state, [
      { type: 'status', status: { sessionId: 's', scenario: 'p', state: 'running' }, localUs: 2_000 },
    ]);
    expect(state.session?.endedUs).toBeNull();
    state = reduceApp(state, [
      { type: 'status', status: { sessionId: 's', scenario: 'p', state: 'stopped' }, localUs: 9_000 },
    ]);
    expect(state.session).toMatchObject({ phase: 'stopped', endedUs: 13_000 });
  });

  it('counts samples and bumps the version once per sample', () => {
    const state = reduceApp(initialAppState(1), [
      { type: 'sample', sample: { t: 1, cores: [{ user: 1, system: 0 }], total: 1 } },
      { type: 'sample', sample: { t: 2, cores: [{ user: 2, system: 0 }], total: 2 } },
    ]);
    expect(state.samples.received).toBe(2);
    expect(state.samples.ring.size).toBe(2);
  });

  it('returns the same state object for a connection state it already has', () => {
    const state = initialAppState(1, 'open');
    expect(reduceApp(state, [{ type: 'connection', state: 'open' }])).toBe(state);
    expect(reduceApp(state, [{ type: 'connection', state: 'reconnecting' }]).connection).toBe('reconnecting');
  });
});
