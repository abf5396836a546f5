/** Shared helpers for the runtime tests: fixture task refs, trace recording, process checks. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { Pool, task, type PoolOptions, type TaskRef } from '../../../src/workers/runtime/index';

/** Absolute path of a file in tests/fixtures/tasks. */
export function fixture(file: string): string {
  return fileURLToPath(new URL(`../../fixtures/tasks/${file}`, import.meta.url));
}

/** A task exported by tests/fixtures/tasks/math.ts. */
export function mathTask(name: string): TaskRef {
  return task(fixture('math.ts'), name);
}

const pools: Pool[] = [];

/** A pool that is terminated after the test, whatever happened in it. */
export function trackedPool(options?: PoolOptions): Pool {
  const pool = new Pool(options);
  pools.push(pool);
  return pool;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.terminate()));
});

/** True while `pid` is a running process (a zombie counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S ..."; the state letter follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Records trace batches from an `onTrace` sink and lets a test wait for a given event. */
export class TraceRecorder {
  readonly batches: TraceEvent[][] = [];
  private waiters: { match: (e: TraceEvent) => boolean; resolve: (e: TraceEvent) => void }[] = [];

  readonly sink = (events: TraceEvent[]): void => {
    this.batches.push(events);
    for (const event of events) {
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(event)) return true;
        w.resolve(event);
        return false;
      });
    }
  };

  get events(): TraceEvent[] {
    return this.batches.flat();
  }

  ofType<K extends TraceEvent['type']>(type: K): Extract<TraceEvent, { type: K }>[] {
    return this.events.filter((e): e is Extract<TraceEvent, { type: K }> => e.type === type);
  }

  /** Resolves with the first event (already seen or still to come) that matches. */
  waitFor(match: (e: TraceEvent) => boolean): Promise<TraceEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }
}
