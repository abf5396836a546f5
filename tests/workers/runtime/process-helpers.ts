/** Shared by the Process tests: fixture targets and children that never outlive their test. */
import { afterEach } from 'vitest';
import { Process, type ProcessOptions } from '../../../src/workers/runtime/process';
import { task, type TaskRef } from '../../../src/workers/runtime/task-ref';
import { fixture } from './helpers';

export const BACKENDS = ['process', 'thread'] as const;

/** A target exported by tests/fixtures/tasks/process-tasks.ts. */
export function target(name: string): TaskRef {
  return task(fixture('process-tasks.ts'), name);
}

const started: Process[] = [];

/** A Process that is killed after the test if it still runs. */
export function tracked(options: ProcessOptions): Process {
  const child = new Process(options);
  started.push(child);
  return child;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((child) => (child.isAlive() ? child.kill() : undefined)));
});
