/**
 * The async iterator `imap` and `imapUnordered` return. Results are buffered as chunks complete
 * and handed out one per `next()`: in input order (`imap`), or in the order they arrived
 * (`imapUnordered`). A failure ends the iteration with its error: for `imap`, after every result
 * that precedes the failing task (as Python raises it at that position); for `imapUnordered`,
 * after the results that arrived before it. `return()` (a `break` out of `for await`) cancels the
 * call: its queued tasks are dropped, the pool carries on.
 */
import type { ResultStream } from './calls';
import { Fifo } from './fifo';

interface Waiter<R> {
  resolve(result: IteratorResult<R, undefined>): void;
  reject(error: unknown): void;
}

/** Streams a call's results to `for await`. Made by the pool; iterate it once. */
export class ImapIterator<R> implements AsyncIterableIterator<R, undefined>, ResultStream {
  /** Results ready to be handed out. */
  private readonly ready = new Fifo<R>();
  /** In order only: results that arrived ahead of `next`, by the index of their first task. */
  private readonly ahead = new Map<number, ArrayLike<unknown>>();
  /** In order: index of the next task to hand out. Unordered: results received. */
  private next_ = 0;
  private error: { error: Error; at: number } | null = null;
  /** No more results will be handed out (all delivered, error delivered, or cancelled). */
  private closed = false;
  private readonly waiters = new Fifo<Waiter<R>>();
  /** Cancels the call in the pool (set by the pool once the call exists). */
  onCancel: (() => void) | null = null;

  constructor(
    private readonly ordered: boolean,
    /** Number of tasks in the call. */
    private readonly total: number,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The next result; rejects with the call's error where it failed. */
  next(): Promise<IteratorResult<R, undefined>> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.serve();
    });
  }

  /** Stops early: drops the call's queued tasks and ends the iteration. */
  return(): Promise<IteratorResult<R, undefined>> {
    if (!this.closed) {
      this.closed = true;
      this.ready.clear();
      this.ahead.clear();
      this.onCancel?.();
    }
    this.serve();
    return Promise.resolve({ done: true, value: undefined });
  }

  /** Results of tasks `start`, … arrived (from the pool). */
  push(start: number, values: ArrayLike<unknown>): void {
    if (this.closed) return;
    if (!this.ordered) {
      if (this.error !== null) return;
      for (let i = 0; i < values.length; i++) this.ready.push(values[i] as R);
      this.next_ += values.length;
    } else if (start === this.next_) {
      this.take(values);
      let more = this.ahead.get(this.next_);
      while (more !== undefined) {
        this.ahead.delete(this.next_);
        this.take(more);
        more = this.ahead.get(this.next_);
      }
    } else if (start > this.next_) {
      this.ahead.set(start, values);
    }
    this.serve();
  }

  /** Task `at` failed with `error` (from the pool); the earliest failure wins. */
  fail(error: Error, at: number): void {
    if (this.closed) return;
    if (this.error === null || (this.ordered && at < this.error.at)) this.error = { error, at };
    this.serve();
  }

  /** In order: hands out `values`, which start at `next_`, up to a known failure. */
  private take(values: ArrayLike<unknown>): void {
    const stop = this.error === null ? values.length : Math.min(values.length, this.error.at - this.next_);
    for (let i = 0; i < stop; i++) this.ready.push(values[i] as R);
    this.next_ += Math.max(0, stop);
  }

  /** Answers waiting `next()` calls with what is known. */
  private serve(): void {
    while (this.waiters.length > 0) {
      if (this.ready.length > 0) {
        this.waiters.shift()!.resolve({ done: false, value: this.ready.shift()! });
      } else if (this.closed || (this.next_ >= this.total && this.error === null)) {
        this.closed = true;
        this.waiters.shift()!.resolve({ done: true, value: undefined });
      } else if (this.error !== null && (!this.ordered || this.next_ >= this.error.at)) {
        this.closed = true;
        this.ahead.clear();
        this.waiters.shift()!.reject(this.error.error);
      } else {
        return;
      }
    }
  }
}
