/**
 * Builds task records and worker lanes from trace events, batch by batch. Pure: the input
 * state is never changed, and records that a batch does not touch are shared with the
 * previous state. Each event only fills in the fields it knows, so the result does not
 * depend on the order events arrive in (a task-end may come before its task-start, within
 * a batch or across batches). Event types this version does not know are ignored, as the
 * trace schema's compatibility rules require. A `task-batch` (many short tasks recorded as
 * one event) becomes one record standing for all its tasks, so the timeline draws it as one bar.
 *
 * Cheap per event: the task map is a {@link VersionedMap}, so a batch costs only the tasks it
 * touches (it used to copy the whole map once per frame); the runtime's activity (locks,
 * queues, processes, output) is folded by `activity-reducer.ts` in the same pass.
 */
import type { TraceEvent } from '../../shared/trace-schema';
import { ActivityDraft } from './activity-reducer';
import { EMPTY_ACTIVITY, type ActivityState } from './activity-types';
import { VersionedMap, type MapEditor } from './versioned-map';

/** What is known about one task so far; null where its event has not arrived yet. */
export interface TaskRecord {
  taskId: string;
  name: string | null;
  args: string | null;
  submitTs: number | null;
  startTs: number | null;
  endTs: number | null;
  workerId: number | null;
  pid: number | null;
  /** null while running (or when the end has not arrived). */
  ok: boolean | null;
  error: string | null;
  /**
   * Set on the record of a `task-batch`: how many tasks it stands for. Its `taskId` names the
   * range (`<call>:<first>–<last>`) and `args` says how many tasks it holds.
   */
  count?: number;
  /** Set on the record of a `task-batch`: how many of its tasks failed. */
  failed?: number;
}

/** One worker lane. */
export interface WorkerRecord {
  workerId: number;
  pid: number | null;
  backend: 'process' | 'thread' | null;
  spawnTs: number | null;
  exitTs: number | null;
  exitCode: number | null;
  signal: string | null;
}

/** Everything the timeline needs from a session's trace. */
export interface TraceState {
  tasks: ReadonlyMap<string, TaskRecord>;
  workers: ReadonlyMap<number, WorkerRecord>;
  /** Earliest and latest `ts` seen (µs), or null before the first event. */
  minTs: number | null;
  maxTs: number | null;
  /**
   * Earliest task start and latest task start or end, or null before the first: the span in
   * which tasks ran, without the queueing, worker start-up and shutdown around it.
   */
  taskMinTs: number | null;
  taskMaxTs: number | null;
  /** Events applied so far (including ignored unknown ones); changes whenever state does. */
  eventCount: number;
  /** Locks, queues, pipes, values, processes and output (see activity-types.ts). */
  activity: ActivityState;
}

/** The state before any event. */
export const EMPTY_TRACE: TraceState = {
  tasks: VersionedMap.empty(),
  workers: new Map(),
  minTs: null,
  maxTs: null,
  taskMinTs: null,
  taskMaxTs: null,
  eventCount: 0,
  activity: EMPTY_ACTIVITY,
};

function blankTask(taskId: string): TaskRecord {
  return {
    taskId,
    name: null,
    args: null,
    submitTs: null,
    startTs: null,
    endTs: null,
    workerId: null,
    pid: null,
    ok: null,
    error: null,
  };
}

function blankWorker(workerId: number): WorkerRecord {
  return { workerId, pid: null, backend: null, spawnTs: null, exitTs: null, exitCode: null, signal: null };
}

/** Applies one batch of events and returns the new state (the same object for an empty batch). */
export function reduceTrace(state: TraceState, events: readonly TraceEvent[]): TraceState {
  if (events.length === 0) return state;
  // Tasks: only touched entries cost anything. Workers (a handful): copied once if touched.
  let tasks: MapEditor<string, TaskRecord> | null = null;
  let workers: Map<number, WorkerRecord> | null = null;
  let { minTs, maxTs, taskMinTs, taskMaxTs } = state;
  const activity = new ActivityDraft(state.activity ?? EMPTY_ACTIVITY);

  const patchTask = (taskId: string, patch: Partial<TaskRecord>): void => {
    tasks ??= VersionedMap.from(state.tasks).edit();
    const prev = tasks.get(taskId) ?? blankTask(taskId);
    tasks.set(taskId, { ...prev, ...patch });
  };
  const patchWorker = (workerId: number, patch: Partial<WorkerRecord>): void => {
    workers ??= new Map(state.workers);
    const prev = workers.get(workerId) ?? blankWorker(workerId);
    workers.set(workerId, { ...prev, ...patch });
  };

  // A lane exists for every worker that ran something, even if its spawn was not seen; only
  // the pid is filled, so spawn facts arriving later are not overwritten with nulls.
  const ensureWorker = (workerId: number, pid: number): void => {
    if ((workers ?? state.workers).get(workerId)?.pid === pid) return;
    patchWorker(workerId, { pid });
  };
  const sink: Sink = { patchTask, patchWorker, ensureWorker };

  for (const event of events) {
    if (typeof event !== 'object' || event === null || typeof event.ts !== 'number') continue;
    // Both readers see worker-spawn/exit: the task lanes and the actors.
    const forActivity = activity.apply(event);
    const known = applyEvent(event, sink) || forActivity;
    if (!known) continue;
    // A batch runs from its first start (`ts`) to its last end.
    const lastTs = event.type === 'task-batch' ? Math.max(event.ts, event.endTs) : event.ts;
    minTs = minTs === null ? event.ts : Math.min(minTs, event.ts);
    maxTs = maxTs === null ? lastTs : Math.max(maxTs, lastTs);
    if (event.type === 'task-start' || event.type === 'task-end' || event.type === 'task-batch') {
      taskMinTs = taskMinTs === null ? event.ts : Math.min(taskMinTs, event.ts);
      taskMaxTs = taskMaxTs === null ? lastTs : Math.max(taskMaxTs, lastTs);
    }
  }
  return {
    tasks: tasks ? (tasks as MapEditor<string, TaskRecord>).commit() : state.tasks,
    workers: workers ?? state.workers,
    minTs,
    maxTs,
    taskMinTs,
    taskMaxTs,
    eventCount: state.eventCount + events.length,
    activity: activity.commit(),
  };
}

interface Sink {
  patchTask(taskId: string, patch: Partial<TaskRecord>): void;
  patchWorker(workerId: number, patch: Partial<WorkerRecord>): void;
  ensureWorker(workerId: number, pid: number): void;
}

/** Routes one event to the record it fills in; false for an unknown type. */
function applyEvent(event: TraceEvent, { patchTask, patchWorker, ensureWorker }: Sink): boolean {
  switch (event.type) {
    case 'worker-spawn':
      patchWorker(event.workerId, { pid: event.pid, backend: event.backend, spawnTs: event.ts });
      return true;
    case 'worker-exit':
      patchWorker(event.workerId, {
        pid: event.pid,
        exitTs: event.ts,
        exitCode: event.code,
        signal: event.signal,
      });
      return true;
    case 'task-submit':
      patchTask(event.taskId, { name: event.name, args: event.args, submitTs: event.ts });
      return true;
    case 'task-start':
      patchTask(event.taskId, { startTs: event.ts, workerId: event.workerId, pid: event.pid });
      ensureWorker(event.workerId, event.pid);
      return true;
    case 'task-end':
      patchTask(event.taskId, {
        endTs: event.ts,
        workerId: event.workerId,
        pid: event.pid,
        ok: event.ok,
        error: event.ok ? null : (event.error ?? 'failed'),
      });
      ensureWorker(event.workerId, event.pid);
      return true;
    case 'task-batch':
      patchTask(batchKey(event.taskId, event.count), {
        name: event.name,
        args: `${event.count} tasks`,
        submitTs: event.submitTs,
        startTs: event.ts,
        endTs: event.endTs,
        workerId: event.workerId,
        pid: event.pid,
        ok: event.ok,
        error: event.ok ? null : batchError(event),
        count: event.count,
        failed: event.failed,
      });
      ensureWorker(event.workerId, event.pid);
      return true;
    default:
      return false;
  }
}

/** Record key of a batch: its range, `<call>:<first>–<last>` (or `<first id>+<count>`). */
function batchKey(taskId: string, count: number): string {
  const colon = taskId.lastIndexOf(':');
  const first = Number(taskId.slice(colon + 1));
  if (colon < 0 || !Number.isSafeInteger(first)) return `${taskId}+${count}`;
  return `${taskId}–${first + count - 1}`;
}

/** A failed batch's error: the first failure's message, and how many failed if not all. */
function batchError(event: Extract<TraceEvent, { type: 'task-batch' }>): string {
  const message = event.error ?? 'failed';
  return event.failed >= event.count ? message : `${event.failed} of ${event.count} failed: ${message}`;
}
