/**
 * What the activity views say: actor labels, process states, tooltip rows for lock spans and
 * instant operations, and the rows of the lock and channel tables. Pure, so every view and
 * the tests agree on the words and numbers.
 */
import type {
  ActivityState,
  ActorRecord,
  ChannelRecord,
  LockRecord,
  LockSpan,
  Mark,
  OpenLock,
} from '../state/activity-types';
import { colorSlot, PALETTE_SIZE, type DetailRow } from './task-details';
import { formatDuration } from './time-axis';

/** How an actor is named on its lane and in lists. */
export interface ActorLabel {
  /** `Process-1`, `W0`, `main`, `thread 3` or `pid 1234`. */
  name: string;
  /** `pid 1234` or `pid 1234 · t3`. */
  detail: string;
}

/** An actor's label: its Process name, else its pool lane, else what it is to the session. */
export function actorLabel(actor: ActorRecord): ActorLabel {
  const detail = actor.tid === 0 ? `pid ${actor.pid}` : `pid ${actor.pid} · t${actor.tid}`;
  if (actor.name !== null) return { name: actor.name, detail };
  if (actor.workerId !== null) return { name: `W${actor.workerId}`, detail };
  if (actor.isParent && actor.tid === 0) return { name: 'main', detail };
  return { name: actor.tid === 0 ? `pid ${actor.pid}` : `thread ${actor.tid}`, detail };
}

/** A process's state, as the process list shows it. */
export type ProcessState = 'running' | 'exited' | 'failed' | 'killed' | 'cut off' | 'ended';

/**
 * `exited` (code 0), `failed` (other code), `killed` (a signal); without an exit: `running`
 * while the session runs, then `cut off` for a process whose start was traced (it never
 * reported an end) or `ended` for one that was not (the session's own process ends with it).
 */
export function processState(actor: ActorRecord, live: boolean): ProcessState {
  if (actor.exitTs === null) return live ? 'running' : actor.startTs === null ? 'ended' : 'cut off';
  if (actor.signal !== null || (actor.exitCode !== null && actor.exitCode < 0)) return 'killed';
  return actor.exitCode === 0 || actor.exitCode === null ? 'exited' : 'failed';
}

/** `process` or `thread`: as started, else what its thread id says. */
export function backendOf(actor: ActorRecord): 'process' | 'thread' {
  return actor.backend ?? (actor.tid === 0 ? 'process' : 'thread');
}

/** Actors a process list shows: those started as a Process or a pool worker, and the main one. */
export function listedProcesses(actors: ActivityState['actors']): ActorRecord[] {
  return [...actors.values()]
    .filter((a) => a.startTs !== null || a.isParent || a.workerId !== null || a.name !== null)
    .sort(byStart);
}

/** Order of lanes and lists: the main context first, then by when each was first seen. */
export function byStart(a: ActorRecord, b: ActorRecord): number {
  const main = Number(b.isParent && b.tid === 0) - Number(a.isParent && a.tid === 0);
  if (main !== 0) return main;
  return (a.startTs ?? a.firstTs) - (b.startTs ?? b.firstTs) || a.pid - b.pid || a.tid - b.tid;
}

/** Stable palette slot of a lock (by name, so a lock keeps its colour from run to run). */
export function lockColorSlot(name: string): number {
  return colorSlot(`lock:${name}`);
}

/**
 * Palette slot of each actor, for its row in the process list and its output lines: by the
 * order the list shows them in, so the first {@link PALETTE_SIZE} processes never share a colour.
 */
export function actorColorSlots(actors: ActivityState['actors']): ReadonlyMap<string, number> {
  return new Map([...actors.values()].sort(byStart).map((a, i) => [a.key, i % PALETTE_SIZE]));
}

const OUTCOME_TEXT = {
  acquired: 'acquired',
  abandoned: 'acquired, abandoned by a holder that died',
  timeout: 'timed out',
  cancelled: 'cancelled',
} as const;

/** How a wait ended, in the words of its kind: a lock is acquired, an event set, a barrier passed. */
function waitOutcome(kind: LockSpan['kind'], outcome: LockSpan['outcome']): string {
  if (kind === 'event') return outcome === 'acquired' ? 'the event was set' : 'timed out';
  if (kind === 'barrier')
    return { acquired: 'passed', timeout: 'timed out', cancelled: 'broken', abandoned: 'passed' }[outcome];
  return OUTCOME_TEXT[outcome];
}

/**
 * Tooltip for a wait or hold, finished or in progress (`open`, drawn to `nowUs`). Says which
 * lock, who, how long it waited and held, and how it ended.
 */
export function spanDetails(
  span: LockSpan | OpenLock,
  actorName: string,
  nowUs: number,
  live: boolean,
): { title: string; rows: DetailRow[] } {
  const open = !('endTs' in span);
  const endTs = open ? Math.max(span.startTs, nowUs) : span.endTs;
  const running = open ? (live ? ' (so far)' : ' (cut off)') : '';
  const rows: DetailRow[] = [
    { label: 'kind', value: span.kind },
    { label: 'by', value: actorName },
  ];
  if (span.phase === 'wait') {
    rows.push({ label: 'wait', value: `${formatDuration(endTs - span.startTs)}${running}` });
    if (!open) rows.push({ label: 'outcome', value: waitOutcome(span.kind, span.outcome) });
  } else {
    rows.push({ label: 'wait', value: formatDuration(span.waitUs) });
    rows.push({ label: 'hold', value: `${formatDuration(endTs - span.startTs)}${running}` });
    if (span.outcome === 'abandoned') rows.push({ label: 'outcome', value: OUTCOME_TEXT.abandoned });
    if (!open && span.forced) rows.push({ label: 'released', value: 'by the runtime: the holder died' });
  }
  return { title: `${span.name} · ${span.phase === 'wait' ? 'waiting' : 'holding'}`, rows };
}

const OP_TEXT: Record<Mark['op'], string> = {
  put: 'put',
  get: 'get',
  send: 'send',
  recv: 'recv',
  read: 'read',
  write: 'write',
  set: 'set',
  clear: 'clear',
  barrier: 'barrier',
};

/** Tooltip for an instant operation. */
export function markDetails(mark: Mark, actorName: string): { title: string; rows: DetailRow[] } {
  const rows: DetailRow[] = [
    { label: 'op', value: `${OP_TEXT[mark.op]}${mark.ok ? '' : ' (gave up)'}` },
    { label: 'by', value: actorName },
  ];
  if (mark.detail !== null) rows.push({ label: mark.ok ? 'item' : 'why', value: mark.detail });
  return { title: mark.name, rows };
}

/** A row of the lock contention table, numbers already formatted. */
export interface LockRow {
  objectId: string;
  name: string;
  kind: string;
  acquisitions: number;
  /** Share of acquisitions that had to wait, 0–100, or null before the first. */
  contendedPct: number | null;
  totalWait: string;
  maxWait: string;
  totalHold: string;
  maxHold: string;
  /** Timeouts, abandoned, forced releases: what went wrong, or '' when nothing did. */
  trouble: string;
  colorSlot: number;
}

/** One row per lock, the most waited-for first. */
export function lockRows(locks: ReadonlyMap<string, LockRecord>): LockRow[] {
  return [...locks.values()]
    .sort((a, b) => b.totalWaitUs - a.totalWaitUs || a.name.localeCompare(b.name))
    .map((l) => {
      const trouble = [
        l.timeouts > 0 ? `${l.timeouts} timed out` : '',
        l.cancelled > 0 ? `${l.cancelled} cancelled` : '',
        l.abandoned > 0 ? `${l.abandoned} abandoned` : '',
        l.forced > 0 ? `${l.forced} forced release${l.forced === 1 ? '' : 's'}` : '',
      ].filter(Boolean);
      return {
        objectId: l.objectId,
        name: l.name,
        kind: l.kind,
        acquisitions: l.acquisitions,
        contendedPct: l.acquisitions === 0 ? null : (100 * l.contended) / l.acquisitions,
        totalWait: formatDuration(l.totalWaitUs),
        maxWait: formatDuration(l.maxWaitUs),
        totalHold: formatDuration(l.totalHoldUs),
        maxHold: formatDuration(l.maxHoldUs),
        trouble: trouble.join(', '),
        colorSlot: lockColorSlot(l.name),
      };
    });
}

/** Queues first (they have a depth chart), then pipes, each by name. */
export function sortedChannels(channels: ReadonlyMap<string, ChannelRecord>): ChannelRecord[] {
  const isPipe = (c: ChannelRecord): number => Number(c.kind === 'pipe');
  return [...channels.values()].sort((a, b) => isPipe(a) - isPipe(b) || a.name.localeCompare(b.name));
}
