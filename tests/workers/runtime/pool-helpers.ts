/** Helpers of the pool API tests: backends, fixture tasks, gate files. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { task, type TaskRef } from '../../../src/workers/runtime/index';
import { fixture } from './helpers';

/** Every backend the pool tests run on. */
export const BACKENDS = ['process', 'thread'] as const;

/** A task exported by tests/fixtures/tasks/pool-tasks.ts. */
export function poolTask(name: string): TaskRef {
  return task(fixture('pool-tasks.ts'), name);
}

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Gate files in a fresh directory: a `gated` task waits for `path(name)` until `open(name)`. */
export function gates(): { path(name: string): string; open(name: string): void } {
  const dir = mkdtempSync(join(tmpdir(), 'parascope-gates-'));
  dirs.push(dir);
  const path = (name: string): string => join(dir, name);
  return { path, open: (name) => writeFileSync(path(name), '') };
}

/** Collects everything an async iterable yields, and the error that ended it (if any). */
export async function drain<T>(iterable: AsyncIterable<T>): Promise<{ values: T[]; error: unknown }> {
  const values: T[] = [];
  try {
    for await (const value of iterable) values.push(value);
  } catch (error) {
    return { values, error };
  }
  return { values, error: undefined };
}
