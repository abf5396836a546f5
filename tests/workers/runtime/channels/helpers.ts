/** Shared helpers for the channel state tests: callers, signals, a trace sink, settling. */
import { onTestFinished } from 'vitest';
import type { TraceEvent } from '../../../../src/shared/trace-schema';
import { tagOf } from '../../../../src/workers/runtime/context/identity';
import type { Caller, Served } from '../../../../src/workers/runtime/context/served';
import { flushTrace } from '../../../../src/workers/runtime/context/trace-out';
import { getTraceSink, setTraceSink } from '../../../../src/workers/runtime/trace';

/** A calling context `<pid>.<tid>` (pids far from real ones, so they stay "remote"). */
export function caller(pid: number, tid = 0): Caller {
  const address = `${pid}.${tid}`;
  return { pid, tid, address, tag: tagOf(address) };
}

/** A signal that never aborts. */
export const never: AbortSignal = new AbortController().signal;

/** Lets every resolved promise's reactions run (the states settle waiters synchronously). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** What a promise came to, without letting a rejection go unhandled. */
export interface Outcome<T> {
  state: 'pending' | 'resolved' | 'rejected';
  value?: T;
  error?: unknown;
}

/** Tracks a promise (or a value) so a test can look at it after `settle()`. */
export function track<T>(result: unknown): Outcome<T> {
  const outcome: Outcome<T> = { state: 'pending' };
  Promise.resolve(result as T).then(
    (value) => Object.assign(outcome, { state: 'resolved', value }),
    (error: unknown) => Object.assign(outcome, { state: 'rejected', error }),
  );
  return outcome;
}

/** Records every trace event the test emits (call it inside a test); restores the sink after it. */
export function recordTrace(): { events: () => TraceEvent[] } {
  const previous = getTraceSink();
  const events: TraceEvent[] = [];
  setTraceSink((batch) => events.push(...batch));
  onTestFinished(() => {
    flushTrace();
    setTraceSink(previous);
  });
  return {
    events: () => {
      flushTrace();
      return events;
    },
  };
}

/** `state.serve(...)` as a promise: a synchronous throw becomes a rejection (the call is still made now). */
export async function call(
  state: Served,
  op: string,
  args: readonly unknown[],
  who: Caller,
  signal: AbortSignal = never,
): Promise<unknown> {
  return state.serve(op, args, who, signal);
}
