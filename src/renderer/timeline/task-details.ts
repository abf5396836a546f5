/** What the timeline says about tasks: tooltip rows, lane labels, counts and colours. */
import { formatDuration } from './time-axis';
import type { TaskRecord, TraceState, WorkerRecord } from '../state/trace-reducer';

/** One labelled line of the hover tooltip. */
export interface DetailRow {
  label: string;
  value: string;
}

/**
 * Tooltip content for a task. An unfinished task's duration runs to `nowUs`; it is
 * "running" while the session is `live`, else it was cut off (stopped or crashed).
 */
export function taskDetails(
  task: TaskRecord,
  nowUs: number,
  live = true,
): { title: string; rows: DetailRow[] } {
  const rows: DetailRow[] = [{ label: 'task', value: task.taskId }];
  if (task.args !== null) rows.push({ label: 'args', value: task.args || '—' });
  rows.push({
    label: 'worker',
    value: task.workerId === null ? '—' : `W${task.workerId}${task.pid === null ? '' : ` · pid ${task.pid}`}`,
  });
  if (task.startTs !== null) {
    const end = task.endTs ?? Math.max(task.startTs, nowUs);
    rows.push({
      label: 'duration',
      value: `${formatDuration(end - task.startTs)}${task.endTs === null ? (live ? ' (running)' : ' (cut off)') : ''}`,
    });
  }
  rows.push({
    label: 'queue wait',
    value:
      task.submitTs !== null && task.startTs !== null ? formatDuration(task.startTs - task.submitTs) : '—',
  });
  if (task.ok === false) rows.push({ label: 'error', value: task.error ?? 'failed' });
  return { title: task.name ?? task.taskId, rows };
}

/** Lane label: "W0" and its pid; `exited` dims it (the exit itself is drawn on the lane). */
export function laneLabel(worker: WorkerRecord): { name: string; detail: string; exited: boolean } {
  return {
    name: `W${worker.workerId}`,
    detail: worker.pid === null ? '' : `pid ${worker.pid}`,
    exited: worker.exitTs !== null,
  };
}

/** Task counts by stage, for the status line. */
export interface TaskCounts {
  queued: number;
  running: number;
  done: number;
  failed: number;
}

/** Counts tasks: queued (submitted, not started), running, done (ok), failed. */
export function countTasks(trace: TraceState): TaskCounts {
  const counts: TaskCounts = { queued: 0, running: 0, done: 0, failed: 0 };
  for (const task of trace.tasks.values()) {
    if (task.count !== undefined) {
      // A batch record stands for `count` finished tasks, `failed` of which failed.
      const failed = task.failed ?? 0;
      counts.failed += failed;
      counts.done += task.count - failed;
    } else if (task.endTs !== null) {
      if (task.ok === false) counts.failed++;
      else counts.done++;
    } else if (task.startTs !== null) counts.running++;
    else counts.queued++;
  }
  return counts;
}

/** Number of colours in the task palette. */
export const PALETTE_SIZE = 8;

/** Stable palette slot for a task name (FNV-1a), so one function keeps one colour. */
export function colorSlot(name: string | null): number {
  if (name === null) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % PALETTE_SIZE;
}
