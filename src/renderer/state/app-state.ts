/**
 * The live part of the app's state (samples, the current session and its trace, the
 * connection) and the reducer that folds a frame's worth of pushes into it. Everything
 * fetched once (host info, topology, scenarios) lives in the views instead.
 */
import type { SessionState, SessionStatus } from '../../shared/contract';
import type { ErrorData } from '../../shared/errors';
import type { CoreSample } from '../../shared/samples';
import type { RunSummary } from '../../shared/scenarios';
import type { TraceEvent } from '../../shared/trace-schema';
import type { CurrentTrace, TraceEvents } from '../client/trace-intake';
import type { ConnectionState } from '../client/ws-client';
import { anchorAt, type ClockAnchor } from './host-clock';
import { SampleRing } from './sample-ring';
import { EMPTY_TRACE, reduceTrace, type TraceState } from './trace-reducer';

/** Where a session is: `starting` until the host has answered `session:start`. */
export type SessionPhase = 'starting' | SessionState;

/** The session the Timeline shows. */
export interface SessionView {
  /** null while starting (the id comes with the reply or the first push). */
  sessionId: string | null;
  scenario: string;
  phase: SessionPhase;
  summary: RunSummary | null;
  error: ErrorData | null;
  trace: TraceState;
  /** When the session started on the trace clock (µs): time zero of the timeline; null until a status says. */
  startedUs: number | null;
  /**
   * When the session ended on the trace clock (µs), from its final status; null while running.
   * Tasks cut off by a stop or a crash are drawn up to here.
   */
  endedUs: number | null;
  /** True when the host had dropped the oldest events of this session before this page asked for them. */
  truncated: boolean;
  /**
   * A stretch of this session the timeline should highlight (an insight's evidence, chosen
   * with "show on timeline"); absent when none is chosen. On the trace clock (µs).
   */
  highlight?: HighlightRange;
}

/** A time range on the trace clock (µs, as every event's `ts`), both ends inclusive. */
export interface HighlightRange {
  fromTs: number;
  toTs: number;
  /** What it shows, e.g. the insight's kind (`lost-updates`), for a label. */
  label?: string;
}

/** Samples as the Cores view reads them; `version` changes whenever the ring does. */
export interface SampleView {
  ring: SampleRing;
  version: number;
  received: number;
  /** Sampling rate of the newest sample (the rate in force on the host), or null before any. */
  hz: number | null;
}

/** The store's state. */
export interface AppState {
  connection: ConnectionState;
  samples: SampleView;
  session: SessionView | null;
  /** Ids of sessions that were replaced, so their late pushes are dropped (newest last). */
  retired: readonly string[];
  /** The newest host clock stamp, to map `performance.now()` onto the trace clock (see host-clock.ts). */
  clock: ClockAnchor | null;
}

/** Everything that can change {@link AppState}. */
export type AppAction =
  | { type: 'connection'; state: ConnectionState }
  | { type: 'sample'; sample: CoreSample }
  /** A trace batch, decoded on arrival; `localMs` is `performance.now()` when it arrived. */
  | { type: 'trace'; batch: TraceEvents; localMs: number }
  | { type: 'status'; status: SessionStatus }
  /** The reply to `session:current` (asked on every connect), decoded; `localMs` as for `trace`. */
  | { type: 'current'; current: CurrentTrace | null; localMs: number }
  | { type: 'start-requested'; scenario: string }
  | { type: 'start-replied'; sessionId: string }
  | { type: 'start-failed'; error: ErrorData }
  /** Highlights `range` of session `sessionId` on the timeline (null clears it). */
  | { type: 'highlight'; sessionId: string | null; range: HighlightRange | null };

const RETIRED_KEEP = 32;

/** The state before anything arrived; `cpus` sizes the sample ring. */
export function initialAppState(cpus: number, connection: ConnectionState = 'connecting'): AppState {
  return {
    connection,
    samples: { ring: new SampleRing(cpus), version: 0, received: 0, hz: null },
    session: null,
    retired: [],
    clock: null,
  };
}

function newSession(sessionId: string | null, scenario: string, phase: SessionPhase): SessionView {
  return {
    sessionId,
    scenario,
    phase,
    summary: null,
    error: null,
    trace: EMPTY_TRACE,
    startedUs: null,
    endedUs: null,
    truncated: false,
  };
}

/** True while Run must stay disabled. */
export function isBusy(session: SessionView | null): boolean {
  return session !== null && (session.phase === 'starting' || session.phase === 'running');
}

/**
 * Folds a frame's actions. Samples go into the (mutable) ring and bump its version; trace
 * events of consecutive batches are applied in one {@link reduceTrace} call, so the task
 * map is copied once per frame rather than once per batch.
 */
export function reduceApp(state: AppState, actions: readonly AppAction[]): AppState {
  let next = state;
  let events: TraceEvent[] = [];
  const applyEvents = (): void => {
    if (events.length === 0 || !next.session) return;
    next = { ...next, session: { ...next.session, trace: reduceTrace(next.session.trace, events) } };
    events = [];
  };
  for (const action of actions) {
    if (action.type === 'trace') {
      const id = action.batch.sessionId;
      // The clock is the host's, whichever session the batch belongs to.
      next = withClock(next, action.batch.hostNowUs, action.localMs);
      if (next.session?.sessionId !== id) {
        // Buffered events belong to the session about to be replaced: apply them first.
        applyEvents();
        next = routeToSession(next, id, null);
      }
      if (!next.session || next.session.sessionId !== id) continue;
      for (const event of action.batch.events) events.push(event);
      continue;
    }
    if (action.type === 'sample') {
      next.samples.ring.push(action.sample);
      const hz = finiteOrNull(action.sample.hz) ?? next.samples.hz;
      next = {
        ...next,
        samples: {
          ...next.samples,
          version: next.samples.version + 1,
          received: next.samples.received + 1,
          hz,
        },
      };
      continue;
    }
    applyEvents();
    next = reduceOther(next, action);
  }
  applyEvents();
  return next;
}

function reduceOther(state: AppState, action: Exclude<AppAction, { type: 'trace' | 'sample' }>): AppState {
  switch (action.type) {
    case 'connection':
      return action.state === state.connection ? state : { ...state, connection: action.state };
    case 'start-requested':
      return replaceSession(state, newSession(null, action.scenario, 'starting'));
    case 'start-replied':
      return routeToSession(state, action.sessionId, null);
    case 'start-failed': {
      const failed = state.session && state.session.phase === 'starting' ? state.session : null;
      if (!failed) return state;
      return { ...state, session: { ...failed, phase: 'failed', error: action.error } };
    }
    case 'status': {
      const { status } = action;
      const routed = routeToSession(state, status.sessionId, status.scenario);
      const session = routed.session;
      if (!session || session.sessionId !== status.sessionId) return routed;
      return { ...routed, session: withStatus(session, status) };
    }
    case 'current':
      return adoptCurrent(withClock(state, action.current?.hostNowUs, action.localMs), action.current);
    case 'highlight':
      return withHighlight(state, action.sessionId, action.range);
  }
}

/** The state with `range` highlighted on session `sessionId` (a highlight for another session is dropped). */
function withHighlight(state: AppState, sessionId: string | null, range: HighlightRange | null): AppState {
  const session = state.session;
  if (!session || session.sessionId !== sessionId) return state;
  if (range === null) {
    if (session.highlight === undefined) return state;
    const { highlight: _cleared, ...rest } = session;
    return { ...state, session: rest };
  }
  if (!Number.isFinite(range.fromTs) || !Number.isFinite(range.toTs)) return state;
  const highlight: HighlightRange = {
    fromTs: Math.min(range.fromTs, range.toTs),
    toTs: Math.max(range.fromTs, range.toTs),
    ...(range.label === undefined ? {} : { label: range.label }),
  };
  return { ...state, session: { ...session, highlight } };
}

/** A session updated with what a status says. */
function withStatus(session: SessionView, status: SessionStatus): SessionView {
  return {
    ...session,
    scenario: status.scenario,
    phase: status.state,
    startedUs: finiteOrNull(status.startedUs) ?? session.startedUs,
    endedUs: finiteOrNull(status.endedUs) ?? session.endedUs,
    summary: status.summary ?? session.summary,
    error: status.error ?? session.error,
  };
}

/**
 * Replaces the session with the host's answer to `session:current`, which holds everything up
 * to the moment it was sent (pushes that arrived before it are in it too; later ones follow
 * it). Two exceptions: a run this page is starting is newer than any answer (its own reply and
 * pushes bring it), and a session this page already replaced stays replaced.
 */
function adoptCurrent(state: AppState, current: CurrentTrace | null): AppState {
  if (state.session?.phase === 'starting') return state;
  if (!current) return state.session ? replaceSession(state, null) : state;
  const { status } = current;
  if (state.retired.includes(status.sessionId)) return state;
  const fresh = newSession(status.sessionId, status.scenario, status.state);
  const session: SessionView = {
    ...withStatus(fresh, status),
    trace: reduceTrace(EMPTY_TRACE, current.events),
    truncated: current.truncated === true,
  };
  if (state.session?.sessionId === status.sessionId) {
    // The same run, re-read after a reconnect: what the user chose to highlight stays.
    const { highlight } = state.session;
    return { ...state, session: highlight ? { ...session, highlight } : session };
  }
  return replaceSession(state, session);
}

/**
 * Makes `sessionId` the current session if it can be: a starting session adopts it, a
 * retired id is refused (state unchanged), any other new id replaces the current session
 * (the host runs one session at a time, so a new id means a new run, perhaps from another
 * client).
 */
function routeToSession(state: AppState, sessionId: string, scenario: string | null): AppState {
  const current = state.session;
  if (current && current.sessionId === sessionId) return state;
  if (state.retired.includes(sessionId)) return state;
  if (current && current.sessionId === null && current.phase === 'starting') {
    return { ...state, session: { ...current, sessionId, phase: 'running' } };
  }
  return replaceSession(state, newSession(sessionId, scenario ?? current?.scenario ?? '', 'running'));
}

function replaceSession(state: AppState, session: SessionView | null): AppState {
  const old = state.session?.sessionId;
  const retired = old ? [...state.retired, old].slice(-RETIRED_KEEP) : state.retired;
  return { ...state, session, retired };
}

/** The state with the newest host clock stamp (a stamp that is not a number is ignored). */
function withClock(state: AppState, hostUs: unknown, localMs: number): AppState {
  const clock = anchorAt(hostUs, localMs);
  return clock ? { ...state, clock } : state;
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
