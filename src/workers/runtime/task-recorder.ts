/**
 * How a worker traces the tasks of a chunk (the rules are spelled out on `TaskBatchEvent` in the
 * trace schema). The worker loop runs tasks in groups chosen here: one task at a time while
 * detail is needed, otherwise as many as ran in well under the batching threshold last time,
 * so that tiny tasks cost one clock reading per group instead of one per task. Each group then
 * becomes events of its own or joins the open `task-batch`, which costs a few comparisons and
 * no allocation: that is what keeps tracing cheap for maps of tiny tasks.
 */
import type { TaskBatchEvent } from '../../shared/trace-schema';
import type { ChunkTraceInfo } from '../../shared/worker-protocol';
import { writeTaskSubmit } from './trace';
import type { TraceBuffer } from './trace-buffer';

/** A chunk as the recorder needs it. */
export interface RecordedChunk extends ChunkTraceInfo {
  /** Index of the chunk's first task in its call. */
  start: number;
  /** Export name of the task function. */
  name: string;
  /** The chunk's inputs, for `task-submit` argument summaries. */
  args: ArrayLike<unknown>;
  /** Each element of `args` is an argument list. */
  spread: boolean;
  /** A group of single-task calls: task `i` is task 0 of call `taskCalls[i]` (pool-groups.ts). */
  taskCalls?: readonly number[] | undefined;
}

type BatchFields = Omit<TaskBatchEvent, 'ts' | 'endTs' | 'ok' | 'failed' | 'error'>;

/** Most tasks timed together: bounds how long a flush can wait in a group of tiny tasks. */
const MAX_GROUP = 1024;

/** Records one worker's tasks into a {@link TraceBuffer}, chunk by chunk, group by group. */
export class TaskRecorder {
  private chunk: RecordedChunk | null = null;
  /** The running group: `count` tasks from `first`, started at `ts`; -1 when none runs. */
  private first = -1;
  private count = 0;
  private ts = 0;
  /** Whether the group's (single) task had its start sent already. */
  private startSent = false;
  /** Size of the next group of short tasks, adapted to how long the last ones took. */
  private groupSize = 1;
  /** A task of this chunk returned a promise: time every task alone from now on. */
  private async = false;
  /** The open batch: `batchCount` tasks from `batchFirst`, between `batchTs` and `batchEndTs`. */
  private batchFirst = 0;
  private batchCount = 0;
  private batchTs = 0;
  private batchEndTs = 0;

  constructor(
    private readonly buffer: TraceBuffer,
    private readonly workerId: number,
    private readonly pid: number,
    /** Tasks shorter than this (µs) may be batched. */
    private readonly batchBelowUs: number,
  ) {}

  /** Starts recording `chunk` (a batch left open by the previous chunk is buffered first). */
  begin(chunk: RecordedChunk): void {
    this.closeBatch();
    this.chunk = chunk;
    this.first = -1;
    this.groupSize = 1;
    this.async = false;
  }

  /**
   * The next group starts with task `i` at `ts`: returns how many tasks to run before calling
   * {@link groupEnded}. The chunk's first task and a task starting once a flush is due run
   * alone and have their start sent at once: a synchronous task cannot flush while it runs,
   * and a long one must show as running. Not the first task of a group of single-task calls
   * (`taskCalls`): the pool grouped them because they are short, so it is no different from the
   * group's other tasks, and a message of its own per group would double the worker's messages.
   */
  groupStarted(i: number, ts: number): number {
    const chunk = this.chunk;
    if (chunk === null) return 1;
    this.first = i;
    this.ts = ts;
    this.startSent = false;
    if ((i === 0 && chunk.taskCalls === undefined) || this.buffer.due(ts)) {
      this.count = 1;
      this.flush(ts);
    } else {
      this.count = chunk.detailed || this.async ? 1 : Math.min(this.groupSize, chunk.args.length - i);
    }
    return this.count;
  }

  /** A task of the running group returned a promise: from now on every task is timed alone. */
  sawAsync(): void {
    this.async = true;
  }

  /**
   * The running group ended at `ts`; `failed` of its tasks failed, the first with `error`.
   */
  groupEnded(ts: number, failed: number, error: string | undefined): void {
    const chunk = this.chunk;
    const { first, count } = this;
    if (chunk === null || first < 0) return;
    this.first = -1;
    // A detailed call's task (always alone): its start and end, packed, with one flush check.
    if (chunk.detailed)
      return this.detailedEnded(chunk, first, ts, failed === 0 ? undefined : (error ?? 'failed'));
    const took = ts - this.ts;
    this.adaptGroupSize(took);
    const short = took < this.batchBelowUs && failed === 0;
    if (short && !chunk.detailed && !this.startSent) {
      if (this.batchCount === 0) {
        this.batchFirst = first;
        this.batchTs = this.ts;
      }
      this.batchCount += count;
      this.batchEndTs = ts;
      if (this.buffer.due(ts)) this.flush(ts);
      return;
    }
    this.closeBatch();
    if (count > 1) {
      // Timed together, so they can only be told apart as a batch of their own.
      this.buffer.push({
        ...this.batchFields(chunk, first, count),
        ts: this.ts,
        endTs: ts,
        ...(failed === 0 ? { ok: true, failed } : { ok: false, failed, error }),
      });
      return;
    }
    if (!this.startSent) this.pushStart(chunk, first, this.ts);
    const { workerId, pid, buffer } = this;
    const calls = chunk.taskCalls;
    const callId = calls === undefined ? chunk.callId : calls[first]!;
    const index = calls === undefined ? chunk.start + first : 0;
    if (failed === 0) buffer.writer.addTaskEnd(ts, callId, index, workerId, pid, true);
    else buffer.writer.addTaskEnd(ts, callId, index, workerId, pid, false, error ?? 'failed');
    buffer.added(ts);
  }

  /** Task `i` of a detailed chunk ran alone until `ts` (`error` when it failed). */
  private detailedEnded(chunk: RecordedChunk, i: number, ts: number, error: string | undefined): void {
    const { writer } = this.buffer;
    const calls = chunk.taskCalls;
    const callId = calls === undefined ? chunk.callId : calls[i]!;
    const index = calls === undefined ? chunk.start + i : 0;
    if (!this.startSent) writer.addTaskStart(this.ts, callId, index, this.workerId, this.pid);
    if (error === undefined) writer.addTaskEnd(ts, callId, index, this.workerId, this.pid, true);
    else writer.addTaskEnd(ts, callId, index, this.workerId, this.pid, false, error);
    this.buffer.added(ts);
  }

  /**
   * Every task of the chunk failed at `ts` because its function could not be loaded: task by
   * task in a detailed call, else as one failed batch. Flushes.
   */
  chunkFailed(ts: number, error: string): void {
    const chunk = this.chunk;
    if (chunk === null) return;
    const { workerId, pid } = this;
    const count = chunk.args.length;
    if (chunk.detailed) {
      const { writer } = this.buffer;
      for (let i = 0; i < count; i++) {
        const calls = chunk.taskCalls;
        const callId = calls === undefined ? chunk.callId : calls[i]!;
        const index = calls === undefined ? chunk.start + i : 0;
        writer.addTaskStart(ts, callId, index, workerId, pid);
        writer.addTaskEnd(ts, callId, index, workerId, pid, false, error);
      }
    } else {
      const fields = this.batchFields(chunk, 0, count);
      this.buffer.push({ ...fields, ts, endTs: ts, ok: false, failed: count, error });
    }
    this.buffer.flush(ts);
  }

  /** Sends everything known at `ts`: the running task's start, the open batch, the buffer. */
  flush(ts: number): void {
    this.closeBatch();
    const chunk = this.chunk;
    // A group of several tasks has no start of its own to send: its tasks were timed together.
    if (chunk !== null && this.first >= 0 && this.count === 1 && !this.startSent) {
      this.pushStart(chunk, this.first, this.ts);
      this.startSent = true;
    }
    this.buffer.flush(ts);
  }

  /** Keeps groups of short tasks well under the threshold: one clock reading per ~5–25 µs. */
  private adaptGroupSize(took: number): void {
    if (took * 16 < this.batchBelowUs) this.groupSize = Math.min(this.groupSize * 2, MAX_GROUP);
    else if (took >= this.batchBelowUs) this.groupSize = 1;
    else if (took * 4 > this.batchBelowUs) this.groupSize = Math.max(1, this.groupSize >> 1);
  }

  private taskId(chunk: RecordedChunk, i: number): string {
    const calls = chunk.taskCalls;
    return calls === undefined ? `${chunk.callId}:${chunk.start + i}` : `${calls[i]}:0`;
  }

  /** Records task `i`'s start (and its submit, unless the pool recorded that), packed. */
  private pushStart(chunk: RecordedChunk, i: number, ts: number): void {
    const { writer } = this.buffer;
    const calls = chunk.taskCalls;
    const callId = calls === undefined ? chunk.callId : calls[i]!;
    const index = calls === undefined ? chunk.start + i : 0;
    if (!chunk.detailed) {
      writeTaskSubmit(writer, chunk.submitTs, callId, index, chunk.name, chunk.args[i], chunk.spread);
      this.buffer.added(chunk.submitTs);
    }
    writer.addTaskStart(ts, callId, index, this.workerId, this.pid);
    this.buffer.added(ts);
  }

  private batchFields(chunk: RecordedChunk, first: number, count: number): BatchFields {
    return {
      type: 'task-batch',
      taskId: this.taskId(chunk, first),
      count,
      name: chunk.name,
      submitTs: chunk.submitTs,
      workerId: this.workerId,
      pid: this.pid,
    };
  }

  private closeBatch(): void {
    const chunk = this.chunk;
    if (chunk === null || this.batchCount === 0) return;
    const fields = this.batchFields(chunk, this.batchFirst, this.batchCount);
    this.batchCount = 0;
    this.buffer.push({ ...fields, ts: this.batchTs, endTs: this.batchEndTs, ok: true, failed: 0 });
  }
}
