import { describe, expect, it } from 'vitest';
import type { SessionPhase, SessionView } from '../../../src/renderer/state/app-state';
import { isLive, sessionNowUs } from '../../../src/renderer/timeline/session-time';

const T = 5_000_000_000;

/** A session as far as its timing goes. */
function session(
  phase: SessionPhase,
  maxTs: number | null,
  startedUs: number | null,
  endedUs: number | null,
) {
  return { phase, startedUs, endedUs, trace: { maxTs } } as unknown as SessionView;
}

describe('isLive', () => {
  it('is true while a session starts or runs, false once it ended or without one', () => {
    expect(isLive(session('starting', null, null, null))).toBe(true);
    expect(isLive(session('running', null, T, null))).toBe(true);
    expect(isLive(session('finished', T, T, T))).toBe(false);
    expect(isLive(null)).toBe(false);
  });
});

describe('sessionNowUs', () => {
  it('follows the host clock from its newest stamp while the session runs', () => {
    const clock = { hostUs: T + 1_000, localMs: 100 };
    expect(sessionNowUs(session('running', T + 500, T, null), clock, 102.5)).toBe(T + 3_500);
  });

  it('is never before the last event or the start (a stamp older than the events)', () => {
    const clock = { hostUs: T, localMs: 100 };
    expect(sessionNowUs(session('running', T + 9_000, T, null), clock, 101)).toBe(T + 9_000);
    expect(sessionNowUs(session('running', null, T + 7_000, null), clock, 101)).toBe(T + 7_000);
    expect(sessionNowUs(session('running', T + 9_000, T, null), null, 500)).toBe(T + 9_000);
  });

  it('stops where the session ended, so a task cut off by Stop shows how long it ran', () => {
    const clock = { hostUs: T, localMs: 100 };
    expect(sessionNowUs(session('stopped', T + 2_000, T, T + 6_000), clock, 10_000)).toBe(T + 6_000);
    expect(sessionNowUs(session('finished', T + 2_000, T, null), clock, 10_000)).toBe(T + 2_000);
  });

  it('is 0 without a session or any time at all', () => {
    expect(sessionNowUs(null, null, 1)).toBe(0);
    expect(sessionNowUs(session('finished', null, null, null), null, 1)).toBe(0);
  });
});
