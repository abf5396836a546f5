/**
 * The live part of the app's state (samples, the current session and its trace, the
 * connection) and the reducer that folds a frame's worth of pushes into it. Everything
 * fetched once (host info, topology, scenarios) lives in the views instead.
 */
import type { SessionState, SessionStatus, TraceBatch } from '../../shared/contract';
import type { ErrorData } from '../../shared/errors';
import type { CoreSample } from '../../shared/samples';
import type { RunSummary } from '../../shared/scenarios';
import type { TraceEvent } from '../../shared/trace-schema';
import type { ConnectionState } from '../client/ws-client';
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
  /**
   * Host trace clock minus the local clock, in µs: the largest `ts − arrival` seen. Events
   * are never from the future, so this bound converges on the true offset; the timeline
   * uses it to let running tasks grow to "now".
   */
  clockOffsetUs: number | null;
  /**
   * When the final status arrived, on the trace clock (µs), or null while running or when no
   * clock estimate exists. Tasks cut off by a stop or a crash are drawn up to here.
   */
  endedUs: number | null;
}

/** Samples as the Cores view reads them; `version` changes whenever the ring does. */
export interface SampleView {
  ring: SampleRing;
  version: number;
  received: number;
}

/** The store's state. */
export interface AppState {
  connection: ConnectionState;
  samples: SampleView;
  session: SessionView | null;
  /** Ids of sessions that were replaced, so their late pushes are dropped (newest last). */
  retired: readonly string[];
}

/** Everything that can change {@link AppState}. */
export type AppAction =
  | { type: 'connection'; state: ConnectionState }
  | { type: 'sample'; sample: CoreSample }
  | { type: 'trace'; batch: TraceBatch; localUs: number }
  | { type: 'status'; status: SessionStatus; localUs: number }
  | { type: 'start-requested'; scenario: string }
  | { type: 'start-replied'; sessionId: string }
  | { type: 'start-failed'; error: ErrorData };

const RETIRED_KEEP = 32;

/** The state before anything arrived; `cpus` sizes the sample ring. */
export function initialAppState(cpus: number, connection: ConnectionState = 'connecting'): AppState {
  return {
    connection,
    samples: { ring: new SampleRing(cpus), version: 0, received: 0 },
    session: null,
    retired: [],
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
    clockOffsetUs: null,
    endedUs: null,
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
      if (next.session?.sessionId !== id) {
        // Buffered events belong to the session about to be replaced: apply them first.
        applyEvents();
        next = routeToSession(next, id, null);
      }
      if (!next.session || next.session.sessionId !== id) continue;
      next = { ...next, session: withClock(next.session, action.batch.events, action.localUs) };
      for (const event of action.batch.events) events.push(event);
      continue;
    }
    if (action.type === 'sample') {
      next.samples.ring.push(action.sample);
      next = {
        ...next,
        samples: { ...next.samples, version: next.samples.version + 1, received: next.samples.received + 1 },
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
      const final = status.state !== 'running';
      const endedUs =
        final && session.endedUs === null && session.clockOffsetUs !== null
          ? action.localUs + session.clockOffsetUs
          : session.endedUs;
      return {
        ...routed,
        session: {
          ...session,
          endedUs,
          scenario: status.scenario,
          phase: status.state,
          summary: status.summary ?? session.summary,
          error: status.error ?? session.error,
        },
      };
    }
  }
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

function replaceSession(state: AppState, session: SessionView): AppState {
  const old = state.session?.sessionId;
  const retired = old ? [...state.retired, old].slice(-RETIRED_KEEP) : state.retired;
  return { ...state, session, retired };
}

function withClock(session: SessionView, events: readonly TraceEvent[], localUs: number): SessionView {
  let maxTs = -Infinity;
  for (const event of events) if (typeof event?.ts === 'number' && event.ts > maxTs) maxTs = event.ts;
  if (maxTs === -Infinity) return session;
  const offset = maxTs - localUs;
  if (session.clockOffsetUs !== null && session.clockOffsetUs >= offset) return session;
  return { ...session, clockOffsetUs: offset };
}
