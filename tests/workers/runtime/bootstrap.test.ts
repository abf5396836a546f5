import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isMainModule } from '../../../src/workers/runtime/bootstrap';
import { TaskLoadError, task } from '../../../src/workers/runtime/index';
import { fixture, trackedPool } from './helpers';

describe('a task module that starts a Pool at top level', () => {
  for (const backend of ['process', 'thread'] as const) {
    it(`fails its tasks with an error saying what to do, instead of starting workers without end (${backend})`, async () => {
      const pool = trackedPool({ processes: 1, backend });
      const error = await pool
        .map(task(fixture('bootstrap-bomb.ts'), 'square'), [1, 2])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TaskLoadError);
      expect((error as Error).message).toMatch(
        /A Pool was created while this worker was importing its task module/,
      );
      expect((error as Error).message).toMatch(/isMainModule/);
    });
  }
});

describe('isMainModule', () => {
  it('is false for a module that is not the program being run', () => {
    expect(isMainModule(import.meta.url)).toBe(false);
    expect(isMainModule(fileURLToPath(import.meta.url))).toBe(false);
  });
});
