/**
 * The worker's hot loop: calls the task function once per input of a chunk, awaiting only the
 * results that are promises, and collects results and failures in the form that is cheapest to
 * send back. One small synchronous loop does the calls for traced and untraced runs alike (so
 * the optimizer treats both the same); a traced run calls it once per group of tasks and reads
 * the clock in between (see task-recorder.ts), not once per task.
 */
import type { TaskFailure } from '../../shared/worker-protocol';
import { PACK_NUMBERS_ABOVE } from './calls';
import { serializeThrown } from './errors';
import type { TaskRecorder } from './task-recorder';
import { nowUs } from './trace';

/** A loaded task function. */
export type TaskFunction = (...args: unknown[]) => unknown;

/** A chunk's inputs: one argument per task, or with `spread` one argument list per task. */
export interface TaskInputs {
  args: ArrayLike<unknown>;
  spread: boolean;
  /** Where a run may be cut short while a task awaits (a group asked back: pool-groups.ts). */
  limit?: RunLimit;
}

/** How far a run goes: tasks before `end`; `next` is the first task not started yet. */
export interface RunLimit {
  end: number;
  next: number;
}

/** What a chunk produced: one value per task (undefined where it failed) and the failures. */
export interface ChunkResults {
  /** A Float64Array when every result is a number (and there are many): one block of memory. */
  values: unknown[] | Float64Array;
  failures: TaskFailure[];
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Results in order. Numbers go straight into a Float64Array for as long as every result is
 * one; the first other value moves them to an array (built by push, so it stays packed:
 * structured clone writes a holey array element by element as key/value pairs).
 */
class ResultList {
  private numbers: Float64Array | null;
  private values: unknown[] = [];
  private length = 0;
  readonly failures: TaskFailure[] = [];
  /** A task's promise-like result, left by {@link runSync} for the async caller to await. */
  pending: PromiseLike<unknown> | null = null;

  constructor(capacity: number) {
    // A few results are cheaper as a plain array (see PACK_NUMBERS_ABOVE).
    this.numbers = capacity > PACK_NUMBERS_ABOVE ? new Float64Array(capacity) : null;
  }

  push(value: unknown): void {
    if (this.numbers !== null && typeof value === 'number') this.numbers[this.length++] = value;
    else this.pushOther(value);
  }

  fail(index: number, thrown: unknown): void {
    this.push(undefined);
    this.failures.push({ index, error: serializeThrown(thrown, 'workload-error') });
  }

  result(): ChunkResults {
    const numbers = this.numbers;
    if (numbers === null) return { values: this.values, failures: this.failures };
    // A run cut short (RunLimit) filled only part of the block.
    const values = this.length < numbers.length ? numbers.slice(0, this.length) : numbers;
    return { values, failures: this.failures };
  }

  private pushOther(value: unknown): void {
    const numbers = this.numbers;
    if (numbers !== null) {
      for (let i = 0; i < this.length; i++) this.values.push(numbers[i]);
      this.numbers = null;
    }
    this.values.push(value);
    this.length++;
  }
}

/**
 * Runs tasks from `from` up to `end` while they return plain values. Stops after a task that
 * returned a promise-like, leaving it in `out.pending`. Returns the index after the last task run.
 */
function runSync(
  fn: TaskFunction,
  { args, spread }: TaskInputs,
  out: ResultList,
  from: number,
  end: number,
): number {
  for (let i = from; i < end; i++) {
    try {
      const value = spread ? fn(...(args[i] as unknown[])) : fn(args[i]);
      if (typeof value !== 'number' && isThenable(value)) {
        out.pending = value;
        return i + 1;
      }
      out.push(value);
    } catch (thrown) {
      out.fail(i, thrown);
    }
  }
  return end;
}

/** Awaits the promise-like result task `index` left in `out.pending`, and records it. */
async function settlePending(out: ResultList, index: number): Promise<void> {
  const pending = out.pending;
  out.pending = null;
  try {
    out.push(await pending);
  } catch (thrown) {
    out.fail(index, thrown);
  }
}

/** Runs every task of a chunk in order, without tracing. */
export async function runTasks(fn: TaskFunction, inputs: TaskInputs): Promise<ChunkResults> {
  const count = inputs.args.length;
  const limit = inputs.limit;
  const out = new ResultList(count);
  for (let i = 0; i < (limit?.end ?? count);) {
    i = runSync(fn, inputs, out, i, limit?.end ?? count);
    if (out.pending) {
      // While it awaits, the rest of the run may be asked back (from `next` on).
      if (limit) limit.next = i;
      await settlePending(out, i - 1);
    }
  }
  return out.result();
}

/**
 * Runs every task of a chunk in order, in the groups `rec` asks for, with one clock reading per
 * group: a group's end is the next one's start (nothing else runs in between).
 */
export async function runTasksTraced(
  fn: TaskFunction,
  inputs: TaskInputs,
  rec: TaskRecorder,
): Promise<ChunkResults> {
  const count = inputs.args.length;
  const limit = inputs.limit;
  const out = new ResultList(count);
  const failures = out.failures;
  let ts = nowUs();
  for (let i = 0; i < (limit?.end ?? count);) {
    // A limited run is a group of single-task calls: detailed, so one task per group here.
    const end = Math.min(i + rec.groupStarted(i, ts), limit?.end ?? count);
    const failedBefore = failures.length;
    while (i < end) {
      i = runSync(fn, inputs, out, i, end);
      if (out.pending) {
        rec.sawAsync();
        if (limit) limit.next = i;
        await settlePending(out, i - 1);
      }
    }
    ts = nowUs();
    const failed = failures.length - failedBefore;
    rec.groupEnded(ts, failed, failed > 0 ? failures[failedBefore]?.error.message : undefined);
  }
  return out.result();
}
