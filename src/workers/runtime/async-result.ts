/**
 * `AsyncResult`: what `applyAsync`, `mapAsync` and `starmapAsync` return, after Python's
 * `multiprocessing.pool.AsyncResult`. Everything that waits returns a Promise; `ready()` and
 * `successful()` answer at once. A failure nobody asks for is never an unhandled rejection.
 */
import { validateTimeout, type AsyncCallbacks } from './pool-call-options';
import { ResultNotReadyError, TimeoutError, reportCallbackError } from './pool-errors';

type Outcome<R> = { ok: true; value: R } | { ok: false; error: Error };

/** The eventual result of one asynchronous pool call. */
export class AsyncResult<R> {
  private outcome: Outcome<R> | null = null;
  /** Who waits in get()/wait(); made on the first wait (most results are awaited once, late). */
  private waiters: (() => void)[] | null = null;

  /**
   * `start` receives the functions that settle this result (the pool calls them once). The
   * callbacks run in the caller, before `ready()` turns true, as in Python.
   */
  constructor(
    start: (resolve: (value: R) => void, reject: (error: Error) => void) => void,
    private readonly callbacks: AsyncCallbacks<R> = {},
  ) {
    start(
      (value) => this.finish({ ok: true, value }),
      (error) => this.finish({ ok: false, error }),
    );
  }

  /** True once the call completed (successfully or not). */
  ready(): boolean {
    return this.outcome !== null;
  }

  /** Whether the call succeeded; throws ResultNotReadyError while it is not ready (Python's ValueError). */
  successful(): boolean {
    if (this.outcome === null) throw new ResultNotReadyError();
    return this.outcome.ok;
  }

  /**
   * Waits until the result is ready or `timeout` ms have passed; resolves with `ready()`.
   * (Python's `wait` returns None; the boolean saves a call to `ready()`.)
   */
  async wait(timeout?: number): Promise<boolean> {
    const ms = validateTimeout(timeout);
    if (this.outcome === null) await this.settledWithin(ms);
    return this.outcome !== null;
  }

  /**
   * The result: resolves with the value, rejects with the call's error, or with a TimeoutError
   * naming the timeout when not ready within `timeout` ms (the call keeps running; ask again).
   */
  async get(timeout?: number): Promise<R> {
    const ms = validateTimeout(timeout);
    if (this.outcome === null) await this.settledWithin(ms);
    const outcome = this.outcome as Outcome<R> | null;
    if (outcome === null) {
      throw new TimeoutError(
        `AsyncResult.get() timed out after ${ms} ms (argument "timeout"); the task keeps running`,
        ms ?? 0,
      );
    }
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  private finish(outcome: Outcome<R>): void {
    if (this.outcome !== null) return;
    const { callback, errorCallback } = this.callbacks;
    try {
      if (outcome.ok) callback?.(outcome.value);
      else errorCallback?.(outcome.error);
    } catch (thrown) {
      reportCallbackError(outcome.ok ? 'callback' : 'errorCallback', thrown);
    }
    this.outcome = outcome;
    const waiters = this.waiters;
    this.waiters = null;
    if (waiters !== null) for (const wake of waiters) wake();
  }

  /** Resolves once settled, or after `ms` (never with null). */
  private settledWithin(ms: number | null): Promise<void> {
    return new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const wake = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        this.waiters = this.waiters?.filter((w) => w !== wake) ?? null;
        resolve();
      };
      (this.waiters ??= []).push(wake);
      // setTimeout fires at once for delays beyond 2^31 - 1 ms: treat those as no timeout.
      if (ms !== null && ms <= 0x7fffffff) timer = setTimeout(wake, ms);
    });
  }
}
