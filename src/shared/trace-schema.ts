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

/** A task was handed to the pool by the caller (recorded in the caller's process). */
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

/** Every trace event Parascope records. */
export type TraceEvent = WorkerSpawnEvent | WorkerExitEvent | TaskSubmitEvent | TaskStartEvent | TaskEndEvent;

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
