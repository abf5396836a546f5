import { describe, expect, it } from 'vitest';
import type { OutputEvent, TraceEvent } from '../../../src/shared/trace-schema';
import { task } from '../../../src/workers/runtime/index';
import { fixture, trackedPool } from './helpers';

describe("a traced pool's worker output", () => {
  it('is recorded line by line with the worker process as actor', async () => {
    const events: TraceEvent[] = [];
    const pool = trackedPool({ processes: 1, onTrace: (batch) => events.push(...batch) });
    await pool.map(task(fixture('pool-print.ts'), 'greet'), ['ada', 'bob']);
    const pid = pool.pids[0];
    pool.close();
    await pool.join();
    const output = events.filter((e): e is OutputEvent => e.type === 'output');
    expect(output.filter((e) => e.stream === 'stdout').map((e) => e.line)).toEqual([
      'hello from ada',
      'hello from bob',
    ]);
    expect(output.filter((e) => e.stream === 'stderr').map((e) => e.line)).toEqual([
      'warning from ada',
      'warning from bob',
    ]);
    expect(new Set(output.map((e) => `${e.pid}.${e.tid}`))).toEqual(new Set([`${pid}.0`]));
  });

  it('is recorded line by line on the thread backend too, with the worker thread as actor', async () => {
    const events: TraceEvent[] = [];
    const pool = trackedPool({ processes: 1, backend: 'thread', onTrace: (batch) => events.push(...batch) });
    await pool.map(task(fixture('pool-print.ts'), 'greet'), ['ada', 'bob']);
    // The one worker thread, as it says itself.
    const [[, pid, tid]] = (await pool.map(task(fixture('pool-tasks.ts'), 'where'), [0])) as [
      [number, number, number],
    ];
    pool.close();
    await pool.join();
    const output = events.filter((e): e is OutputEvent => e.type === 'output');
    expect(output.filter((e) => e.stream === 'stdout').map((e) => e.line)).toEqual([
      'hello from ada',
      'hello from bob',
    ]);
    expect(output.filter((e) => e.stream === 'stderr').map((e) => e.line)).toEqual([
      'warning from ada',
      'warning from bob',
    ]);
    expect(pid).toBe(process.pid);
    expect(new Set(output.map((e) => `${e.pid}.${e.tid}`))).toEqual(new Set([`${pid}.${tid}`]));
  });
});
