/**
 * `busy-wait`: an actor polling without progress, keeping a core busy for nothing.
 *
 * A *poll* is an attempt that found nothing: a `queue-get` that failed with `empty` (getNowait)
 * or `timeout`, a `pipe-recv` that timed out, a `lock-acquire` that timed out (non-blocking
 * acquire included), an Event wait that ended unset, or a `value-read` of a cell that returned
 * the same value this actor read from it last time (spinning on a flag). Lock requests, acquires
 * and releases are neutral (a flag read under a lock is still a spin); any other operation of
 * the actor is progress and ends its streak, as does a gap of more than
 * {@link BUSY_BREAK_GAP_US} between two polls (it slept in between).
 *
 * A streak counts as busy-waiting when it has at least {@link BUSY_MIN_POLLS} polls, lasts at
 * least {@link BUSY_MIN_SPAN_US}, and polls at least once per {@link BUSY_MAX_MEAN_GAP_US} on
 * average. One insight per actor, adding up its streaks.
 *
 * Not seen: `poll()` on a pipe and `qsize()`/`empty()` leave no trace events.
 */
import type { Insight } from '../../shared/insights';
import type { TraceEvent } from '../../shared/trace-schema';
import { formatDuration, listOf } from './format';
import { actorKey, type TraceView } from './trace-view';

/** Fewest polls in a streak that counts. */
export const BUSY_MIN_POLLS = 50;
/** Shortest streak that counts, in µs: a shorter spin costs nothing worth reporting. */
export const BUSY_MIN_SPAN_US = 5_000;
/** Largest mean gap between the polls of a streak, in µs (at least 1000 polls a second). */
export const BUSY_MAX_MEAN_GAP_US = 1_000;
/** A gap between two polls longer than this (µs) ends a streak: the actor waited in between. */
export const BUSY_BREAK_GAP_US = 20_000;

/** How an actor polled, for the message and the fix. */
type PollKind = 'queue' | 'pipe' | 'lock' | 'event' | 'value';

interface Streak {
  count: number;
  firstTs: number;
  lastTs: number;
  firstIndex: number;
  lastIndex: number;
  objects: Map<string, string>;
  kinds: Map<PollKind, number>;
}

interface ActorState {
  pid: number;
  tid: number;
  streak?: Streak;
  /** Last value this actor read from each cell. */
  lastRead: Map<string, number | string>;
  polls: number;
  busyUs: number;
  streaks: number;
  fromTs: number;
  toTs: number;
  longest?: Streak;
  objects: Map<string, string>;
  kinds: Map<PollKind, number>;
}

/** What the event is to its actor's streak: a poll of some kind, neutral, or progress. */
function classify(e: TraceEvent, state: ActorState): PollKind | 'neutral' | 'progress' {
  switch (e.type) {
    case 'queue-get':
      return !e.ok && (e.error === 'empty' || e.error === 'timeout') ? 'queue' : 'progress';
    case 'pipe-recv':
      return !e.ok && e.error === 'timeout' ? 'pipe' : 'progress';
    case 'lock-acquire':
      return e.outcome === 'timeout' ? 'lock' : 'neutral';
    case 'lock-request':
    case 'lock-release':
      return 'neutral';
    case 'event-signal':
      if (e.action === 'wait-start') return 'neutral';
      return e.action === 'wait-end' && e.ok === false ? 'event' : 'progress';
    case 'value-read': {
      const key = e.index === undefined ? e.objectId : `${e.objectId}#${e.index}`;
      const seen = state.lastRead.get(key);
      state.lastRead.set(key, e.value);
      return seen === e.value ? 'value' : 'progress';
    }
    default:
      return 'progress';
  }
}

function close(state: ActorState): void {
  const s = state.streak;
  state.streak = undefined;
  if (!s || s.count < BUSY_MIN_POLLS) return;
  const span = s.lastTs - s.firstTs;
  if (span < BUSY_MIN_SPAN_US || span / (s.count - 1) > BUSY_MAX_MEAN_GAP_US) return;
  if (state.streaks === 0) state.fromTs = s.firstTs;
  state.toTs = s.lastTs;
  state.polls += s.count;
  state.busyUs += span;
  state.streaks++;
  if (!state.longest || s.count > state.longest.count) state.longest = s;
  for (const [id, name] of s.objects) state.objects.set(id, name);
  for (const [kind, n] of s.kinds) state.kinds.set(kind, (state.kinds.get(kind) ?? 0) + n);
}

function poll(
  state: ActorState,
  e: TraceEvent & { objectId: string; name: string },
  i: number,
  kind: PollKind,
) {
  let s = state.streak;
  if (s && e.ts - s.lastTs > BUSY_BREAK_GAP_US) {
    close(state);
    s = undefined;
  }
  if (!s) {
    s = {
      count: 0,
      firstTs: e.ts,
      lastTs: e.ts,
      firstIndex: i,
      lastIndex: i,
      objects: new Map(),
      kinds: new Map(),
    };
    state.streak = s;
  }
  s.count++;
  s.lastTs = e.ts;
  s.lastIndex = i;
  s.objects.set(e.objectId, e.name);
  s.kinds.set(kind, (s.kinds.get(kind) ?? 0) + 1);
}

/** Finds actors that polled without progress; one insight per actor. */
export function detectBusyWait(view: TraceView): Insight[] {
  const actors = new Map<string, ActorState>();
  for (const i of view.order) {
    const e = view.events[i]!;
    if (!('objectId' in e)) continue;
    const key = actorKey(e.pid, e.tid);
    let state = actors.get(key);
    if (!state) {
      state = {
        pid: e.pid,
        tid: e.tid,
        lastRead: new Map(),
        polls: 0,
        busyUs: 0,
        streaks: 0,
        fromTs: 0,
        toTs: 0,
        objects: new Map(),
        kinds: new Map(),
      };
      actors.set(key, state);
    }
    const what = classify(e, state);
    if (what === 'progress') {
      close(state);
      // A changed value read is progress, and the first read of the next spin.
      if (e.type === 'value-read') poll(state, e, i, 'value');
    } else if (what !== 'neutral') {
      poll(state, e, i, what);
    }
  }
  const insights: Insight[] = [];
  for (const state of actors.values()) {
    close(state);
    if (state.streaks > 0) insights.push(describe(view, state));
  }
  return insights;
}

const HOW: Record<PollKind, { did: string; fix: string }> = {
  queue: {
    did: 'tried to get from',
    fix: 'block instead of polling: `await q.get()` waits without using a core (give it a `timeout` if it must give up), and a sentinel item tells the consumer to stop',
  },
  pipe: {
    did: 'tried to receive from',
    fix: 'block instead of polling: `await conn.recv()` waits for the next message without using a core',
  },
  lock: {
    did: 'tried to acquire',
    fix: 'wait for the lock instead of retrying: `await lock.acquire()` (with a `timeout` if it must give up) or `lock.withLock(fn)`',
  },
  event: {
    did: 'waited with a short timeout on',
    fix: 'wait once without a short timeout: `await ev.wait()` returns as soon as another context calls `ev.set()`',
  },
  value: {
    did: 'kept reading',
    fix: 'signal instead of spinning on a shared value: the writer calls `ev.set()` on an Event and the reader does `await ev.wait()` (or use a Condition)',
  },
};

function describe(view: TraceView, state: ActorState): Insight {
  const kind = [...state.kinds].sort((a, b) => b[1] - a[1])[0]![0];
  const names = [...state.objects.values()];
  const how = HOW[kind];
  const unchanged = kind === 'value' ? ' while it stayed the same' : ' without success';
  const streaks = state.streaks > 1 ? ` in ${state.streaks} bursts` : '';
  const longest = state.longest!;
  return {
    kind: 'busy-wait',
    severity: 'warning',
    message:
      `${view.nameOf(state.pid, state.tid)} ${how.did} ${listOf(names)} ${state.polls} times${unchanged}` +
      ` over ${formatDuration(state.busyUs)}${streaks}: it kept a core busy while making no progress.`,
    evidence: {
      fromTs: state.fromTs,
      toTs: state.toTs,
      objectIds: [...state.objects.keys()],
      pids: [state.pid],
      events: [longest.firstIndex, longest.lastIndex],
      details: {
        polls: state.polls,
        busyUs: state.busyUs,
        streaks: state.streaks,
        tid: state.tid,
        how: kind,
      },
    },
    fix: how.fix,
  };
}
