import { describe, expect, it } from 'vitest';
import type { OutputEvent, TraceEvent } from '../../../src/shared/trace-schema';
import { task } from '../../../src/workers/runtime/index';
import { fixture, trackedPool } from './helpers';

describe.each(['process', 'thread'] as const)("a traced pool's worker output (%s backend)", (backend) => {
  it('is recorded line by line, stdout and stderr, with the worker that printed it as actor', async () => {
    const events: TraceEvent[] = [];
    const pool = trackedPool({ processes: 1, backend, onTrace: (batch) => events.push(...batch) });
    await pool.map(task(fixture('pool-print.ts'), 'greet'), ['ada', 'bob']);
    // The one worker, as it says itself: its process, and its thread (0 for a process's main thread).
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
    expect(pid === process.pid).toBe(backend === 'thread');
    expect(new Set(output.map((e) => `${e.pid}.${e.tid}`))).toEqual(new Set([`${pid}.${tid}`]));
  });
});
