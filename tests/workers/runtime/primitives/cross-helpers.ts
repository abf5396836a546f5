/**
 * Shared by the cross-context primitive tests: fixture targets, children that never outlive
 * their test, and a trace recorder installed as the process-wide sink for one test.
 */
import { afterEach, expect } from 'vitest';
import type { Process, ProcessBackend } from '../../../../src/workers/runtime/process';
import { task, type TaskRef } from '../../../../src/workers/runtime/task-ref';
import { getTraceSink, setTraceSink } from '../../../../src/workers/runtime/trace';
import { fixture, TraceRecorder } from '../helpers';
import { tracked } from '../process-helpers';

export { BACKENDS } from '../process-helpers';

/** A target exported by tests/fixtures/tasks/prim-sync-tasks.ts. */
export function syncTarget(name: string): TaskRef {
  return task(fixture('prim-sync-tasks.ts'), name);
}

/** A target exported by tests/fixtures/tasks/prim-channel-tasks.ts. */
export function channelTarget(name: string): TaskRef {
  return task(fixture('prim-channel-tasks.ts'), name);
}

/** Starts a child running `target(...args)` on `backend`; it is killed after the test if still running. */
export async function spawn(backend: ProcessBackend, target: TaskRef, args: unknown[]): Promise<Process> {
  const child = tracked({ target, args, backend });
  await child.start();
  return child;
}

/** Waits for every child and expects each to have ended cleanly (its error shown if not). */
export async function joinAll(...children: Process[]): Promise<void> {
  await Promise.all(children.map((child) => child.join()));
  for (const child of children) {
    expect(child.error).toBeNull();
    expect(child.exitCode).toBe(0);
  }
}

let restore: (() => void) | null = null;

/**
 * Records every trace event of this context (children started afterwards trace too) until the
 * end of the test, when the previous sink comes back.
 */
export function recordTrace(): TraceRecorder {
  const previous = getTraceSink();
  const recorder = new TraceRecorder();
  setTraceSink(recorder.sink);
  restore = () => setTraceSink(previous);
  return recorder;
}

afterEach(() => {
  restore?.();
  restore = null;
});
