/**
 * createCoreSampler on its Linux path: a real sampling thread reading the real /proc/stat.
 * startProcStatThread is wrapped (still the real one) so tests can see each thread end.
 */
import os from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { createCoreSampler } from '../../../src/main/sampler/core-sampler';
import * as procStat from '../../../src/main/sampler/proc-stat-thread';
import { listen } from './listen';

vi.mock('../../../src/main/sampler/proc-stat-thread', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/main/sampler/proc-stat-thread')>();
  return { ...real, startProcStatThread: vi.fn(real.startProcStatThread) };
});
const startThread = vi.mocked(procStat.startProcStatThread);

/** The thread most recently started. */
function lastThread(): procStat.ProcStatThread {
  const result = startThread.mock.results.at(-1);
  if (result?.type !== 'return') throw new Error('no sampling thread was started');
  return result.value;
}

describe.runIf(process.platform === 'linux')('createCoreSampler on a sampling thread', () => {
  it('samples every CPU from /proc/stat, in order, stamped with the rate in force', async () => {
    const sampler = createCoreSampler({ backend: 'thread', hz: 50, deliveryMs: 0 });
    const { samples, next } = listen(sampler);
    await next();
    sampler.setRate(25);
    while ((await next()).hz !== 25);
    sampler.dispose();
    await lastThread().exited;
    for (const sample of samples) {
      expect(sample.cores).toHaveLength(os.cpus().length);
      for (const core of sample.cores) {
        expect(core.user).toBeGreaterThanOrEqual(0);
        expect(core.system).toBeGreaterThanOrEqual(0);
        expect(core.user + core.system).toBeLessThanOrEqual(100);
      }
      expect(sample.total).toBeLessThanOrEqual(100);
    }
    const times = samples.map((s) => s.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(samples[0]!.hz).toBe(50);
  });

  it('hands samples over in groups when allowed to hold them', async () => {
    const sampler = createCoreSampler({ backend: 'thread', hz: 50, deliveryMs: 200 });
    // Samples handed over together arrive in one synchronous run: no microtask in between.
    const groups: number[] = [];
    let open = false;
    const { next } = listen(sampler);
    sampler.subscribe(() => {
      if (!open) {
        open = true;
        groups.push(0);
        queueMicrotask(() => (open = false));
      }
      groups[groups.length - 1]!++;
    });
    while (groups.length < 2) await next();
    sampler.dispose();
    expect(Math.max(...groups)).toBeGreaterThan(1);
  });

  it('ends its thread when the last listener leaves, and starts a fresh one on return', async () => {
    const sampler = createCoreSampler({ backend: 'thread', hz: 50, deliveryMs: 0 });
    const first = listen(sampler);
    await first.next();
    const thread = lastThread();
    first.off();
    await thread.exited;
    const second = listen(sampler);
    await second.next();
    expect(lastThread()).not.toBe(thread);
    sampler.dispose();
    await lastThread().exited;
  });

  it('goes on with os.cpus() when the thread fails, reporting why to onError', async () => {
    startThread.mockImplementationOnce((options) => {
      queueMicrotask(() => options.onFailure(new Error('cannot sample /proc/stat: test')));
      return { setRate() {}, stop() {}, exited: Promise.resolve(), helperCpuUs: () => 0 };
    });
    const onError = vi.fn();
    const sampler = createCoreSampler({ backend: 'thread', hz: 50, onError });
    const { next } = listen(sampler);
    const sample = await next();
    sampler.dispose();
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'cannot sample /proc/stat: test' }),
    );
    expect(sample.cores).toHaveLength(os.cpus().length);
  });

  it('validates deliveryMs: RangeError outside 0–1000 ms, TypeError for non-numbers', () => {
    for (const bad of [-1, 1001, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createCoreSampler({ deliveryMs: bad })).toThrow(RangeError);
      expect(() => createCoreSampler({ deliveryMs: bad })).toThrow(
        /^deliveryMs must be between 0 and 1000 ms/,
      );
    }
    expect(() => createCoreSampler({ deliveryMs: '5' as unknown as number })).toThrow(TypeError);
    expect(() => createCoreSampler({ deliveryMs: '5' as unknown as number })).toThrow(/^deliveryMs /);
    expect(createCoreSampler({ deliveryMs: 0 }).hz).toBe(10);
  });
});
