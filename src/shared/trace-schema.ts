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
}

/** A pool worker ended, for whatever reason. */
export interface WorkerExitEvent extends EventBase {
  type: 'worker-exit';
  workerId: number;
  pid: number;
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

/** Every trace event Parascope records. */
export type TraceEvent =
  WorkerSpawnEvent | WorkerExitEvent | TaskSubmitEvent | TaskStartEvent | TaskEndEvent | TaskBatchEvent;

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
