import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../src/shared/contract';
import { initialAppState, reduceApp, type AppAction } from '../../../src/renderer/state/app-state';

const status = (sessionId: string, state: SessionStatus['state']): AppAction => ({
  type: 'status',
  status: { sessionId, scenario: 'race-counter', state, startedUs: 1_000 },
});
const highlight = (sessionId: string | null, fromTs: number, toTs: number, label?: string): AppAction => ({
  type: 'highlight',
  sessionId,
  range: { fromTs, toTs, ...(label === undefined ? {} : { label }) },
});

describe('reduceApp: highlighting an insight on the timeline', () => {
  it('highlights a range of the shown session, in order, and clears it', () => {
    let state = reduceApp(initialAppState(1), [status('s1', 'finished')]);
    state = reduceApp(state, [highlight('s1', 9_000, 2_000, 'lost-updates')]);
    expect(state.session?.highlight).toEqual({ fromTs: 2_000, toTs: 9_000, label: 'lost-updates' });
    state = reduceApp(state, [{ type: 'highlight', sessionId: 's1', range: null }]);
    expect(state.session).not.toHaveProperty('highlight');
  });

  it('drops a highlight meant for another session, or with a range that is not a time', () => {
    const shown = reduceApp(initialAppState(1), [status('s1', 'finished')]);
    expect(reduceApp(shown, [highlight('s0', 1, 2)])).toBe(shown);
    expect(reduceApp(shown, [highlight('s1', Number.NaN, 2)])).toBe(shown);
    expect(reduceApp(initialAppState(1), [highlight(null, 1, 2)]).session).toBeNull();
  });

  it('forgets the highlight with its run when the next run starts', () => {
    let state = reduceApp(initialAppState(1), [status('s1', 'finished'), highlight('s1', 1, 2)]);
    state = reduceApp(state, [{ type: 'start-requested', scenario: 'race-counter' }]);
    expect(state.session?.highlight).toBeUndefined();
  });

  it('keeps the highlight when the same run is re-read after a reconnect', () => {
    let state = reduceApp(initialAppState(1), [status('s1', 'finished'), highlight('s1', 1, 2)]);
    state = reduceApp(state, [
      {
        type: 'current',
        current: {
          status: { sessionId: 's1', scenario: 'race-counter', state: 'finished', startedUs: 1_000 },
          events: [],
          truncated: false,
          hostNowUs: 5_000,
        },
        localMs: 0,
      },
    ]);
    expect(state.session?.highlight).toEqual({ fromTs: 1, toTs: 2 });
  });
});
