/**
 * Groups of single-task calls. Each `applyAsync` is a call of one task, and sent alone it costs
 * a message each way and a flush of the worker's trace before it runs: about 20-40 µs of
 * overhead for a task that may take 1 µs. Calls queued together for the same function (the
 * usual `applyAsync` loop) travel to a worker as one chunk of many tasks, as a map's items do,
 * each task keeping its own call (its own id in the trace, its own result and error).
 *
 * A group holds about {@link GROUP_US} of work by the worker's recent tasks, so its results
 * come back together at most about that much later than alone, unless one of its tasks turns
 * out long: the others then wait for it as the tasks of a map chunk do. A group that waits (a
 * task awaiting another task) is split by the worker when an idle worker asks for its tasks not
 * started yet (`chunk-skipped` with `from`). When the worker dies, every task of the group it
 * was running fails with WorkerDiedError: which of them had run is not known.
 */
import type { RunMessage, TaskFailure } from '../../shared/worker-protocol';
import type { Chunk } from './calls';
import { runMessage } from './calls';

/** Work (µs, by the worker's recent tasks) one group carries. */
export const GROUP_US = 1000;
/** Most tasks in one group. */
export const MAX_GROUP = 512;

/** Whether `chunk` may travel in a group: a single-task call, without primitives, not a stream. */
export function groupable(chunk: Chunk): boolean {
  const call = chunk.call;
  return call.total === 1 && !call.wire && call.stream === null && chunk.spread;
}

/** Whether `next` may join a group that starts with `first` (same function, both groupable). */
export function joins(first: Chunk, next: Chunk): boolean {
  const a = first.call.task;
  const b = next.call.task;
  return a.name === b.name && a.module === b.module && groupable(next);
}

/** How many tasks a group for a worker whose tasks took `taskUs` each may hold (1 when unknown). */
export function groupLimit(taskUs: number): number {
  if (taskUs <= 0) return 1;
  return Math.max(1, Math.min(MAX_GROUP, Math.floor(GROUP_US / taskUs)));
}

/** The message that hands a group to a worker: one chunk whose task `i` is task 0 of call `i`. */
export function groupMessage(members: readonly Chunk[], tracing: boolean): RunMessage {
  const first = members[0]!;
  const message = runMessage(first, tracing);
  message.args = members.map((member) => (member.args as unknown[])[0]);
  message.taskCalls = members.map((member) => member.call.callId);
  return message;
}

/** The answer for member `i` of a group, as if its chunk had been answered alone. */
export function memberAnswer(
  values: readonly unknown[] | Float64Array,
  failures: readonly TaskFailure[],
  i: number,
): { values: unknown[] | Float64Array; failures: TaskFailure[] } {
  const own: TaskFailure[] = [];
  for (const failure of failures) if (failure.index === i) own.push({ index: 0, error: failure.error });
  return { values: values.slice(i, i + 1) as unknown[] | Float64Array, failures: own };
}
