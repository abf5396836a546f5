/**
 * createCoreSampler with its native helper: the real helper reading the real /proc/stat, and
 * what happens when a backend is missing or fails (the next one takes over; sampling goes on).
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createCoreSampler, SAMPLER_BACKENDS } from '../../../src/main/sampler/core-sampler';
import { buildNativeHelper } from './native-helper-build';
import { listen } from './listen';

const dir = mkdtempSync(join(os.tmpdir(), 'parascope-core-sampler-native-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(process.platform === 'linux')('createCoreSampler with the native helper', () => {
  const helper = buildNativeHelper(dir);

  it('prefers the helper when there is one, and samples every CPU with it at the rate in force', async () => {
    const onError = vi.fn();
    const sampler = createCoreSampler({ hz: 50, deliveryMs: 0, nativeHelper: helper, onError });
    expect(sampler.backend).toBe('native');
    const { samples, next } = listen(sampler);
    await next();
    sampler.setRate(25);
    while ((await next()).hz !== 25);
    const cpu = sampler.helperCpuUs();
    sampler.dispose();
    expect(onError).not.toHaveBeenCalled();
    expect(samples[0]!.hz).toBe(50);
    for (const sample of samples) expect(sample.cores).toHaveLength(os.cpus().length);
    const times = samples.map((s) => s.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // What sampling cost outside this process is known, and kept after the helper ends.
    expect(cpu).toBeGreaterThan(0);
    expect(sampler.helperCpuUs()).toBe(cpu);
  });

  it('uses the thread, silently, when no helper was built', () => {
    const onError = vi.fn();
    const sampler = createCoreSampler({ nativeHelper: null, onError });
    expect(sampler.backend).toBe('thread');
    expect(onError).not.toHaveBeenCalled();
  });

  it('goes on with the thread when the helper fails, saying why to onError, and never retries it', async () => {
    const broken = join(dir, 'broken-helper');
    writeFileSync(broken, '#!/bin/sh\necho "E cannot read: test"\nexit 1\n');
    chmodSync(broken, 0o755);
    const onError = vi.fn();
    const sampler = createCoreSampler({ hz: 50, deliveryMs: 0, nativeHelper: broken, onError });
    const first = listen(sampler);
    const sample = await first.next();
    expect(sampler.backend).toBe('thread');
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'cannot sample /proc/stat: cannot read: test' }),
    );
    expect(sample.cores).toHaveLength(os.cpus().length);
    // A later start begins where sampling went on, not with the helper that failed.
    first.off();
    const second = listen(sampler);
    await second.next();
    sampler.dispose();
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('starts with the backend asked for', async () => {
    for (const backend of SAMPLER_BACKENDS) {
      const sampler = createCoreSampler({ hz: 50, deliveryMs: 0, backend, nativeHelper: helper });
      const { next } = listen(sampler);
      await next();
      expect(sampler.backend).toBe(backend);
      sampler.dispose();
    }
  });

  it('says so, and samples on the thread, when asked for a helper there is none of', async () => {
    const onError = vi.fn();
    const sampler = createCoreSampler({
      hz: 50,
      deliveryMs: 0,
      backend: 'native',
      nativeHelper: null,
      onError,
    });
    const { next } = listen(sampler);
    await next();
    sampler.dispose();
    expect(sampler.backend).toBe('thread');
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringMatching(/no native sampler helper/) }),
    );
  });
});

describe('createCoreSampler backend option', () => {
  it('rejects an unknown backend with a TypeError naming it', () => {
    expect(() => createCoreSampler({ backend: 'gpu' as never })).toThrow(TypeError);
    expect(() => createCoreSampler({ backend: 'gpu' as never })).toThrow(
      /^backend must be one of "native", "thread", "timer", got "gpu"/,
    );
  });

  it('uses the timer whenever the snapshot source, clock or timers are injected', () => {
    expect(createCoreSampler({ cpus: os.cpus }).backend).toBe('timer');
    expect(createCoreSampler({ cpus: os.cpus, backend: 'native' }).backend).toBe('timer');
  });
});
