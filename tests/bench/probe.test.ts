/**
 * A probe that hangs must not hang the harness: past its time limit it is killed together with
 * every process it started, and the run records an error naming the probe.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runProbe } from '../../bench/harness/probe';

/** Whether `pid` is gone (or only a zombie waiting to be reaped). */
function gone(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') ?? true;
  } catch {
    return true;
  }
}

describe('probe processes', () => {
  it('reads the result line a probe prints', async () => {
    const script = `console.log('noise'); console.log('BENCH_RESULT ' + JSON.stringify({ n: 7 }))`;
    await expect(runProbe('ok', process.execPath, ['-e', script], 10_000)).resolves.toEqual({ n: 7 });
  });

  it('kills a hung probe and its children after the time limit and names it', async () => {
    // The probe starts a child that never ends, reports its pid on stderr, then hangs too. The
    // child shares the probe's stderr, so the probe's streams close only once both are dead.
    const script = `
      const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      console.error('child ' + child.pid);
      setInterval(() => {}, 1000);`;
    const error = await runProbe('hung', process.execPath, ['-e', script], 1_500).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/probe hung failed: timed out after 1\.5 s/);
    const pid = Number(/child (\d+)/.exec(error?.message ?? '')?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(gone(pid)).toBe(true);
  });

  it('reports a probe that exits without a result line', async () => {
    await expect(runProbe('silent', process.execPath, ['-e', 'process.exit(0)'], 10_000)).rejects.toThrow(
      /probe silent failed: printed no result line/,
    );
  });
});
