/**
 * Parascope trace events, schema version 1.
 *
 * One tagged union (`type`) describes everything the runtime records. Every event carries
 * `ts`: microseconds on the machine's monotonic clock (`process.hrtime.bigint() / 1000n`),
 * which is the same clock in every process on one machine (CLOCK_MONOTONIC on Linux,
 * mach_absolute_time on macOS, QueryPerformanceCounter on Windows). That is what lets the
 * timeline place a task-start recorded in a worker next to a task-submit recorded in the
 * pool without any clock translation. Microseconds match the Chrome trace-event format,
 * so a trace can be exported to Perfetto without rescaling.
 *
 * Compatibility rules (as in speedscope's file-format spec): adding an optional field or a
 * new event type is a minor change and keeps `version`; renaming, removing or changing the
 * meaning of a field bumps `TRACE_SCHEMA_VERSION`. Readers ignore event types they do not know.
 */

/** Bumped on any incompatible change to {@link TraceEvent}. */
export const TRACE_SCHEMA_VERSION = 1;

/** Identifies a Parascope trace file (`--trace FILE`). */
export const TRACE_FILE_SCHEMA = 'parascope-trace';

/** Fields common to every event. */
interface EventBase {
  /** Monotonic time in microseconds (see module docs). */
  ts: number;
}

/** A pool worker process or thread came up and is ready for tasks. */
export interface WorkerSpawnEvent extends EventBase {
  type: 'worker-spawn';
  /** Stable small integer naming the lane on the timeline (0, 1, …; replacements get new ids). */
  workerId: number;
  pid: number;
  backend: 'process' | 'thread';
  /**
   * A thread worker's thread id (absent for a process worker): with `pid`, the actor its
   * output and primitive events name, so a view can tell that actor is this lane.
   */
  tid?: number;
}

/** A pool worker ended, for whatever reason. */
export interface WorkerExitEvent extends EventBase {
  type: 'worker-exit';
  workerId: number;
  pid: number;
  /** A thread worker's thread id, as on its `worker-spawn`. */
  tid?: number;
  /** Exit code, or null when ended by a signal. */
  code: number | null;
  signal: string | null;
}

/**
 * A task was handed to the pool by the caller. Recorded in the caller's process when the call
 * is submitted; in a large call (see {@link TaskBatchEvent}), recorded by the worker that ran
 * the task, with the call's submit time as `ts`.
 */
export interface TaskSubmitEvent extends EventBase {
  type: 'task-submit';
  /** Unique within a session: `<call>:<index>`. */
  taskId: string;
  /** Export name of the task function. */
  name: string;
  /** Short human-readable summary of the arguments (never the full payload). */
  args: string;
}

/** A worker began running a task (recorded in the worker). */
export interface TaskStartEvent extends EventBase {
  type: 'task-start';
  taskId: string;
  workerId: number;
  pid: number;
}

/** A worker finished a task (recorded in the worker). */
export interface TaskEndEvent extends EventBase {
  type: 'task-end';
  taskId: string;
  workerId: number;
  pid: number;
  ok: boolean;
  /** Error message when `ok` is false. */
  error?: string;
}

/**
 * Consecutive tasks of one call that one worker ran back to back, recorded as one event
 * instead of a submit, start and end each (added in version 1 as a minor change). `ts` is
 * when the first started, `endTs` when the last ended. A timeline draws a batch as one bar
 * standing for `count` tasks.
 *
 * Why: recording a task costs the runtime about a microsecond, and reading the clock around
 * it about 0.05 µs, so a map of a million sub-microsecond tasks would be slowed down several
 * times by its own trace; and no timeline can draw a million bars. The rule, so that batches
 * never hide a task worth seeing:
 * - A call of at most 4096 tasks is recorded task by task (every task has its own submit,
 *   start and end, and submits are recorded at once, so queued tasks show).
 * - In a larger call, tasks are recorded on their own, with a `task-submit` from the worker,
 *   unless they succeeded in under 100 µs: those are folded into the batch of their
 *   neighbours. A task whose start was already sent (the first of each chunk, or one running
 *   when a flush was due) is always recorded on its own, as is a failed task timed alone.
 * - While tasks are that short, the worker times them in small groups (one clock reading per
 *   group, a group kept under about 25 µs): a group that took under 100 µs and had no failure
 *   joins the batch; one that took longer or had a failure becomes a batch of its own
 *   (`failed` counts its failures, `error` is the first one's message). This is the only way a
 *   task of 100 µs or more can end up in a batch: right after a run of much shorter tasks.
 * - A task whose function cannot be loaded fails at once; a large call's tasks of such a chunk
 *   are recorded as one batch with `failed` equal to `count`.
 */
export interface TaskBatchEvent extends EventBase {
  type: 'task-batch';
  /** Id of the first task, `<call>:<first>`; the others follow: `<call>:<first + 1>`, … */
  taskId: string;
  /** Number of tasks in the batch (at least 1). */
  count: number;
  /** Export name of the task function. */
  name: string;
  /** When the tasks were submitted (same clock as `ts`). */
  submitTs: number;
  /** When the last task ended. */
  endTs: number;
  workerId: number;
  pid: number;
  /** True when every task succeeded. */
  ok: boolean;
  /** How many of the tasks failed (0 when `ok`). */
  failed: number;
  /** Message of the first failure, when `ok` is false. */
  error?: string;
}

/**
 * Who performed an operation on a primitive: a process, and a thread in it (0 = its main thread).
 * For an operation a process asked the primitive's owner to perform, the actor is the asking
 * process, not the owner. Events of the synchronisation, communication and process families
 * (all added in version 1 as minor changes) carry it.
 */
export interface Actor {
  pid: number;
  /** `worker_threads` thread id; 0 for a process's main thread. */
  tid: number;
}

/** The kinds of primitive a trace event can name. */
export type PrimitiveKind =
  | 'lock'
  | 'rlock'
  | 'semaphore'
  | 'bounded-semaphore'
  | 'condition'
  | 'event'
  | 'barrier'
  | 'value'
  | 'array'
  | 'queue'
  | 'joinable-queue'
  | 'simple-queue'
  | 'pipe'
  | 'dict'
  | 'list';

/** Fields naming the primitive an event is about. */
interface PrimitiveFields extends EventBase, Actor {
  /** Unique within a session: `<owner address>/<number>`, e.g. `"4242.0/3"`. */
  objectId: string;
  kind: PrimitiveKind;
  /** The name given at construction, or a generated one such as `"Lock-3"`. */
  name: string;
}

/**
 * A context asked for a lock-like primitive (Lock, RLock, Semaphore, BoundedSemaphore,
 * Condition) and found it taken: it starts to wait. Recorded only for an acquire that waits
 * (minor change in v1): an acquire that took it at once, or gave up at once (`blocking:
 * false`), is recorded by its `lock-acquire` alone, with `waited: false`.
 */
export interface LockRequestEvent extends PrimitiveFields {
  type: 'lock-request';
}

/**
 * The request ended: `outcome` says how. `abandoned` means the lock was acquired, but its
 * previous holder died holding it (the caller was told, as POSIX robust mutexes do).
 * Wait time = this `ts` minus the matching `lock-request`'s, or 0 when there is none.
 */
export interface LockAcquireEvent extends PrimitiveFields {
  type: 'lock-acquire';
  outcome: 'acquired' | 'abandoned' | 'timeout' | 'cancelled';
  /**
   * Whether the actor had to wait (it found the primitive taken; a `lock-request` precedes this
   * event exactly then). Minor addition to v1: absent from traces of older runtimes.
   */
  waited?: boolean;
}

/**
 * A lock-like primitive was released. `forced` when the runtime released it because its holder
 * died. Hold time = this `ts` minus the holder's `lock-acquire`.
 */
export interface LockReleaseEvent extends PrimitiveFields {
  type: 'lock-release';
  forced?: boolean;
}

/** An item entered a queue (or a put gave up: `ok` false, e.g. a timeout on a full queue). */
export interface QueuePutEvent extends PrimitiveFields {
  type: 'queue-put';
  ok: boolean;
  /** Items in the queue after the operation. */
  depth: number;
  /** Short summary of the item (never the payload). */
  item?: string;
}

/** An item left a queue (or a get gave up: `ok` false, with `error` saying why). */
export interface QueueGetEvent extends PrimitiveFields {
  type: 'queue-get';
  ok: boolean;
  /** Items in the queue after the operation. */
  depth: number;
  item?: string;
  error?: string;
}

/** A message was sent into one end of a pipe (`end` 0 or 1 of the pair). */
export interface PipeSendEvent extends PrimitiveFields {
  type: 'pipe-send';
  end: 0 | 1;
  item?: string;
}

/** A message was received at one end of a pipe (or a recv gave up: `ok` false). */
export interface PipeRecvEvent extends PrimitiveFields {
  type: 'pipe-recv';
  end: 0 | 1;
  ok: boolean;
  item?: string;
  error?: string;
}

/** A shared value (or an element of a shared array: `index`) was read. */
export interface ValueReadEvent extends PrimitiveFields {
  type: 'value-read';
  index?: number;
  /** The value read (numbers; other values are summarised as text). */
  value: number | string;
}

/** A shared value (or an element of a shared array: `index`) was written. */
export interface ValueWriteEvent extends PrimitiveFields {
  type: 'value-write';
  index?: number;
  value: number | string;
}

/** An Event was set or cleared, or a wait on it ended (`outcome`). */
export interface EventSignalEvent extends PrimitiveFields {
  type: 'event-signal';
  action: 'set' | 'clear' | 'wait-start' | 'wait-end';
  /** For `wait-end`: whether the flag was seen set (false: timed out or cancelled). */
  ok?: boolean;
}

/** A context arrived at a barrier (`action` 'arrive') or left it ('pass', 'broken', 'timeout'). */
export interface BarrierWaitEvent extends PrimitiveFields {
  type: 'barrier-wait';
  action: 'arrive' | 'pass' | 'broken' | 'timeout';
  /** Parties that have arrived in this generation, after this event. */
  waiting: number;
  parties: number;
}

/** A `Process` (or a pool worker's) child started: the new process or thread is `pid`/`tid`. */
export interface ProcessStartEvent extends EventBase, Actor {
  type: 'process-start';
  /** The Process's name (Python's `Process-1`, …), or the pool lane. */
  name: string;
  backend: 'process' | 'thread';
  /** The parent's pid. */
  parentPid: number;
  /** `module#export` of the target. */
  target: string;
}

/** A `Process` ended. `exitCode` as Python reports it: the code, or minus the signal number. */
export interface ProcessExitEvent extends EventBase, Actor {
  type: 'process-exit';
  name: string;
  exitCode: number;
  signal: string | null;
}

/** One line a process or thread wrote to its stdout or stderr (without the newline). */
export interface OutputEvent extends EventBase, Actor {
  type: 'output';
  stream: 'stdout' | 'stderr';
  line: string;
}

/** Every trace event Parascope records. */
export type TraceEvent =
  | WorkerSpawnEvent
  | WorkerExitEvent
  | TaskSubmitEvent
  | TaskStartEvent
  | TaskEndEvent
  | TaskBatchEvent
  | LockRequestEvent
  | LockAcquireEvent
  | LockReleaseEvent
  | QueuePutEvent
  | QueueGetEvent
  | PipeSendEvent
  | PipeRecvEvent
  | ValueReadEvent
  | ValueWriteEvent
  | EventSignalEvent
  | BarrierWaitEvent
  | ProcessStartEvent
  | ProcessExitEvent
  | OutputEvent;

/** The `type` tags of {@link TraceEvent}. */
export type TraceEventType = TraceEvent['type'];

/** Contents of a file written by `parascope run … --trace FILE`. */
export interface TraceFile {
  schema: typeof TRACE_FILE_SCHEMA;
  version: typeof TRACE_SCHEMA_VERSION;
  /** Scenario id or workload path the events came from. */
  scenario: string;
  events: TraceEvent[];
}
