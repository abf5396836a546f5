/**
 * What the renderer keeps of a session's runtime activity (trace schema v1's primitive, process
 * and output events): who ran (actors), how locks were waited for and held, how queues and
 * pipes moved items, what shared values saw, and what processes printed. Built by
 * `activity-reducer.ts`; read by the actor timeline and the "Locks & queues" panel.
 */
import type { LockAcquireEvent, PrimitiveKind } from '../../shared/trace-schema';
import { AppendLog } from './append-log';
import { EMPTY_DEPTH_SERIES, type DepthSeries } from './depth-series';

/** An actor's key: `"<pid>.<tid>"`, as the runtime addresses contexts. */
export type ActorKey = string;

/** The key of `pid`/`tid`. */
export function actorKey(pid: number, tid: number): ActorKey {
  return `${pid}.${tid}`;
}

/** One context (a process, or a thread of one) that did something. */
export interface ActorRecord {
  key: ActorKey;
  pid: number;
  tid: number;
  /** From `process-start` (`Process-1`), else null (labels fall back: see activity-details.ts). */
  name: string | null;
  /** The pool worker it is, from `worker-spawn`; null otherwise. */
  workerId: number | null;
  backend: 'process' | 'thread' | null;
  parentPid: number | null;
  /** `module#export` of a Process's target. */
  target: string | null;
  /** True when some Process names this pid as its parent: the session's own main thread, usually. */
  isParent: boolean;
  startTs: number | null;
  exitTs: number | null;
  /** Python's exit code (minus the signal number when a signal ended it). */
  exitCode: number | null;
  signal: string | null;
  /** Its first event of any kind (where its lane's line starts when its start was not traced). */
  firstTs: number;
  /** Lines it printed (all of them, including those the output log no longer keeps). */
  outputLines: number;
}

/** Per lock-like primitive (Lock, RLock, Semaphore, BoundedSemaphore, Condition): its contention. */
export interface LockRecord {
  objectId: string;
  name: string;
  kind: PrimitiveKind;
  /** Requests that ended (acquired, abandoned, timed out or cancelled). */
  requests: number;
  /** Requests that took the lock (`abandoned` ones included). */
  acquisitions: number;
  /**
   * Acquisitions that had to wait for another context: for a Lock, RLock or Condition, its wait
   * overlapped another context's hold (whichever of the two arrived first, see lock-tracker.ts);
   * for a semaphore (whose permits are not recorded), it waited {@link SEMAPHORE_CONTENDED_US} or more.
   */
  contended: number;
  timeouts: number;
  cancelled: number;
  abandoned: number;
  /** Releases the runtime made for a holder that died. */
  forced: number;
  /** Wait (request → end of request) over every ended request. */
  totalWaitUs: number;
  maxWaitUs: number;
  /** Hold (acquire → release) over every completed hold. */
  holds: number;
  totalHoldUs: number;
  maxHoldUs: number;

  /** Recent waits and holds, to match each against the other for {@link LockRecord.contended}. */
  recent: LockRecent;
}

/** A time interval of one actor on one lock. */
export interface LockInterval {
  actor: ActorKey;
  startTs: number;
  endTs: number;
}

/** The newest {@link RECENT_LOCK_INTERVALS} finished holds, and waits not yet known to be contended. */
export interface LockRecent {
  holds: readonly LockInterval[];
  waits: readonly LockInterval[];
}

/** How many recent holds and waits a lock keeps for matching (events out of order by more are rare). */
export const RECENT_LOCK_INTERVALS = 64;

/**
 * A semaphore acquisition that waited this long counts as contended. A traced uncontended
 * acquisition takes from about a microsecond (shared memory) to a few hundred (a request served
 * by the owner process, measured at the owner), so a millisecond means the caller queued.
 */
export const SEMAPHORE_CONTENDED_US = 1000;

/** Waits shorter than this get no box of their own (a hold's tooltip still tells them). */
export const MIN_WAIT_SPAN_US = 10;

/** A finished wait for, or hold of, a lock by one actor. */
export interface LockSpan {
  phase: 'wait' | 'hold';
  actor: ActorKey;
  objectId: string;
  name: string;
  kind: PrimitiveKind;
  startTs: number;
  endTs: number;
  /** How the wait ended; for a hold, how it began (`acquired` or `abandoned`). */
  outcome: LockAcquireEvent['outcome'];
  /** A hold the runtime ended because its holder died. */
  forced: boolean;
  /** For a hold: how long its request waited (µs), so a hold's tooltip tells both. */
  waitUs: number;
}

/** A wait or hold in progress (drawn up to "now"). */
export interface OpenLock {
  phase: 'wait' | 'hold';
  actor: ActorKey;
  objectId: string;
  name: string;
  kind: PrimitiveKind;
  startTs: number;
  /** For a hold: `acquired` or `abandoned`. */
  outcome: LockAcquireEvent['outcome'] | null;
  /** For a hold: how long its request waited (µs). */
  waitUs: number;
}

/** Per queue or pipe: its traffic. */
export interface ChannelRecord {
  objectId: string;
  name: string;
  kind: PrimitiveKind;
  /** Items in (queue puts, pipe sends) and out (gets, receives) that succeeded. */
  ins: number;
  outs: number;
  /** Operations that gave up (a put on a full queue, a get that timed out, a recv at EOF…). */
  failedIns: number;
  failedOuts: number;
  /** Queues: depth after the newest operation, and the highest seen. */
  depth: number;
  maxDepth: number;
  series: DepthSeries;
  /** Newest operation's `ts` (queues). */
  lastTs: number;
}

/** Per shared Value or Array: its reads and writes. */
export interface ValueRecord {
  objectId: string;
  name: string;
  kind: PrimitiveKind;
  reads: number;
  writes: number;
  /** The newest value written (or read, before any write); an Array's element shows as `[i]=v`. */
  last: number | string | null;
  /** When `last` was written (or read) and whether by a write. */
  lastTs: number;
  lastIsWrite: boolean;
  /** Writes per actor. */
  writers: ReadonlyMap<ActorKey, number>;
}

/** An instant operation drawn as a tick on its actor's lane. */
export interface Mark {
  ts: number;
  actor: ActorKey;
  op: 'put' | 'get' | 'send' | 'recv' | 'read' | 'write' | 'set' | 'clear' | 'barrier';
  objectId: string;
  name: string;
  /** False when the operation gave up. */
  ok: boolean;
  /** Item or value summary, or why it gave up. */
  detail: string | null;
}

/** One line a process printed. */
export interface OutputLine {
  ts: number;
  actor: ActorKey;
  stream: 'stdout' | 'stderr';
  line: string;
}

/** Everything above, for one session. */
export interface ActivityState {
  actors: ReadonlyMap<ActorKey, ActorRecord>;
  locks: ReadonlyMap<string, LockRecord>;
  channels: ReadonlyMap<string, ChannelRecord>;
  values: ReadonlyMap<string, ValueRecord>;
  /** Finished waits and holds, in the order they finished (the newest {@link MAX_SPANS}). */
  spans: AppendLog<LockSpan>;
  /** Waits and holds in progress, keyed `<actor>|<objectId>`; a semaphore held twice has two. */
  open: ReadonlyMap<string, readonly OpenLock[]>;
  /** The newest {@link MAX_MARKS} instant operations. */
  marks: AppendLog<Mark>;
  /** The newest {@link MAX_OUTPUT_LINES} output lines. */
  output: AppendLog<OutputLine>;
  /** Earliest and latest `ts` of these events, or null before the first. */
  minTs: number | null;
  maxTs: number | null;
  /** The same for operations on primitives only (no process start, exit or output). */
  opMinTs: number | null;
  opMaxTs: number | null;
}

/** Lock spans kept for drawing (statistics count every one). */
export const MAX_SPANS = 50_000;
/** Instant operations kept for drawing. */
export const MAX_MARKS = 20_000;
/** Output lines kept. */
export const MAX_OUTPUT_LINES = 2_000;

/** Nothing yet. */
export const EMPTY_ACTIVITY: ActivityState = {
  actors: new Map(),
  locks: new Map(),
  channels: new Map(),
  values: new Map(),
  spans: AppendLog.empty(MAX_SPANS),
  open: new Map(),
  marks: AppendLog.empty(MAX_MARKS),
  output: AppendLog.empty(MAX_OUTPUT_LINES),
  minTs: null,
  maxTs: null,
  opMinTs: null,
  opMaxTs: null,
};

/** A channel record before its first event. */
export function blankChannel(objectId: string, name: string, kind: PrimitiveKind): ChannelRecord {
  return {
    objectId,
    name,
    kind,
    ins: 0,
    outs: 0,
    failedIns: 0,
    failedOuts: 0,
    depth: 0,
    maxDepth: 0,
    series: EMPTY_DEPTH_SERIES,
    lastTs: 0,
  };
}

/** An actor record before what its events say. */
export function blankActor(key: string, pid: number, tid: number, ts: number): ActorRecord {
  return {
    key,
    pid,
    tid,
    name: null,
    workerId: null,
    backend: null,
    parentPid: null,
    target: null,
    isParent: false,
    startTs: null,
    exitTs: null,
    exitCode: null,
    signal: null,
    firstTs: ts,
    outputLines: 0,
  };
}

/** A value record before its first event. */
export function blankValue(e: Pick<ValueRecord, 'objectId' | 'name' | 'kind'>): ValueRecord {
  return {
    objectId: e.objectId,
    name: e.name,
    kind: e.kind,
    reads: 0,
    writes: 0,
    last: null,
    lastTs: 0,
    lastIsWrite: false,
    writers: new Map(),
  };
}
