import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createCoreSampler } from '../../../src/main/sampler/core-sampler';
import { NATIVE_SAMPLER_ENV } from '../../../src/main/sampler/native-sampler';
import type { CpuSnapshot, CpuTimes } from '../../../src/main/sampler/cpu-deltas';
import { SAMPLER_DEFAULT_HZ, type CoreSample } from '../../../src/shared/samples';
import { manualClock } from './manual-clock';
import { buildNativeHelper } from './native-helper-build';

const helperDir = mkdtempSync(join(os.tmpdir(), 'parascope-core-sampler-'));
afterAll(() => rmSync(helperDir, { recursive: true, force: true }));
let built: string | undefined;
/** The native helper, compiled on first use. */
const helper = (): string => (built ??= buildNativeHelper(helperDir));

/**
 * A fake `os.cpus()`: every call advances each CPU by 1000 ticks, `user[i]`% of them in user
 * mode and `system[i]`% in sys, the rest idle. `loads` may be changed between calls.
 */
function fakeCpus(loads: Array<{ user: number; system: number }>) {
  const counters: CpuTimes[] = loads.map(() => ({ user: 0, nice: 0, sys: 0, idle: 0, irq: 0 }));
  const source = vi.fn((): CpuSnapshot => {
    while (counters.length < loads.length) counters.push({ user: 0, nice: 0, sys: 0, idle: 0, irq: 0 });
    counters.length = loads.length;
    for (const [i, c] of counters.entries()) {
      const l = loads[i] ?? { user: 0, system: 0 };
      c.user += l.user * 10;
      c.sys += l.system * 10;
      c.idle += (100 - l.user - l.system) * 10;
    }
    return counters.map((times) => ({ times: { ...times } }));
  });
  return { loads, source };
}

function setup(hz?: number) {
  const clock = manualClock();
  const cpus = fakeCpus([
    { user: 25, system: 5 },
    { user: 50, system: 0 },
    { user: 0, system: 0 },
  ]);
  const sampler = createCoreSampler({ hz, cpus: cpus.source, now: clock.now, timers: clock.timers });
  return { clock, cpus, sampler };
}

describe('createCoreSampler', () => {
  it('does no work and holds no timer until someone subscribes', () => {
    const { clock, cpus, sampler } = setup();
    expect(sampler.hz).toBe(SAMPLER_DEFAULT_HZ);
    expect(clock.pending()).toEqual([]);
    expect(cpus.source).not.toHaveBeenCalled();
  });

  it('samples every CPU at the set rate once subscribed', () => {
    const { clock, sampler } = setup();
    const samples: CoreSample[] = [];
    sampler.subscribe((s) => samples.push(s));
    expect(clock.pending()).toEqual([{ ms: 100 }]);
    clock.fire();
    clock.fire();
    expect(samples).toHaveLength(2);
    expect(samples[1]).toEqual({
      t: clock.now(),
      hz: SAMPLER_DEFAULT_HZ,
      cores: [
        { user: 25, system: 5 },
        { user: 50, system: 0 },
        { user: 0, system: 0 },
      ],
      total: 80 / 3,
    });
    expect(samples[1]!.t - samples[0]!.t).toBe(100);
  });

  it('carries one entry per CPU, following a change in the CPU count', () => {
    const { clock, cpus, sampler } = setup();
    const samples: CoreSample[] = [];
    sampler.subscribe((s) => samples.push(s));
    cpus.loads.push({ user: 100, system: 0 });
    clock.fire(); // count changed: zeros for this interval
    clock.fire();
    expect(samples.map((s) => s.cores.length)).toEqual([4, 4]);
    expect(samples[0]!.total).toBe(0);
    expect(samples[1]!.cores[3]).toEqual({ user: 100, system: 0 });
  });

  it('sends each sample to every listener and stops the timer when the last one leaves', () => {
    const { clock, sampler } = setup();
    const a = vi.fn();
    const b = vi.fn();
    const offA = sampler.subscribe(a);
    const offB = sampler.subscribe(b);
    expect(clock.pending()).toHaveLength(1);
    clock.fire();
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(1);
    offA();
    offA(); // a second call is harmless
    expect(clock.pending()).toHaveLength(1);
    clock.fire();
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(2);
    offB();
    expect(clock.pending()).toEqual([]);
  });

  it('takes a fresh baseline when restarted, so idle time in between is not reported', () => {
    const { clock, cpus, sampler } = setup();
    const off = sampler.subscribe(() => {});
    off();
    // While nobody listens, CPU 2 is fully busy; after restarting it is idle again.
    cpus.loads[2] = { user: 100, system: 0 };
    cpus.source();
    cpus.loads[2] = { user: 0, system: 0 };
    const samples: CoreSample[] = [];
    sampler.subscribe((s) => samples.push(s));
    clock.fire();
    expect(samples[0]!.cores[2]).toEqual({ user: 0, system: 0 });
  });

  it('validates rates: RangeError naming hz outside 1–50, TypeError for non-numbers', () => {
    const { sampler } = setup();
    for (const bad of [0, 0.5, 51, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => sampler.setRate(bad)).toThrow(RangeError);
      expect(() => sampler.setRate(bad)).toThrow(/^hz must be between 1 and 50 Hz/);
    }
    expect(() => sampler.setRate('10' as unknown as number)).toThrow(TypeError);
    expect(sampler.hz).toBe(SAMPLER_DEFAULT_HZ);
    sampler.setRate(1);
    sampler.setRate(50);
    expect(sampler.hz).toBe(50);
    expect(() => createCoreSampler({ hz: 60 })).toThrow(/^hz /);
  });

  it('reschedules on a rate change, keeping a single pending timer', () => {
    const { clock, sampler } = setup(10);
    const samples: CoreSample[] = [];
    sampler.subscribe((s) => samples.push(s));
    sampler.setRate(50);
    expect(clock.pending()).toEqual([{ ms: 20 }]);
    clock.fire();
    expect(clock.pending()).toEqual([{ ms: 20 }]);
    sampler.setRate(2);
    expect(clock.pending()).toEqual([{ ms: 500 }]);
    expect(samples).toHaveLength(1);
  });

  it('stamps each sample with the rate in force when it was taken', () => {
    const { clock, sampler } = setup(10);
    const samples: CoreSample[] = [];
    sampler.subscribe((s) => samples.push(s));
    clock.fire();
    sampler.setRate(25);
    clock.fire();
    sampler.setRate(4);
    clock.fire();
    expect(samples.map((s) => s.hz)).toEqual([10, 25, 4]);
  });

  it('never overlaps work: a rate change from inside a listener still leaves one timer', () => {
    const { clock, sampler } = setup(10);
    sampler.subscribe(() => sampler.setRate(25));
    clock.fire();
    expect(clock.pending()).toEqual([{ ms: 40 }]);
  });

  it('keeps the cadence when listeners take time, and skips ahead instead of bursting', () => {
    const { clock, sampler } = setup(10);
    let work = 30;
    sampler.subscribe(() => clock.advance(work));
    clock.fire();
    expect(clock.pending()).toEqual([{ ms: 70 }]);
    work = 250; // far behind: restart the cadence rather than fire back-to-back
    clock.fire();
    expect(clock.pending()).toEqual([{ ms: 100 }]);
  });

  it('keeps sampling and serves other listeners when one throws', () => {
    const clock = manualClock();
    const onError = vi.fn();
    const sampler = createCoreSampler({
      cpus: fakeCpus([{ user: 10, system: 0 }]).source,
      now: clock.now,
      timers: clock.timers,
      onError,
    });
    const good = vi.fn();
    sampler.subscribe(() => {
      throw new Error('listener failed');
    });
    sampler.subscribe(good);
    clock.fire();
    expect(good).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'listener failed' }));
    expect(clock.pending()).toHaveLength(1);
  });

  it('stops and drops every listener on dispose, and refuses new subscribers', () => {
    const { clock, sampler } = setup();
    const listener = vi.fn();
    const off = sampler.subscribe(listener);
    sampler.dispose();
    expect(clock.pending()).toEqual([]);
    off();
    sampler.dispose();
    expect(() => sampler.subscribe(() => {})).toThrow(/after dispose/);
    expect(listener).not.toHaveBeenCalled();
  });

  it('rejects bad options and listeners with TypeErrors naming them', () => {
    expect(() => createCoreSampler({ cpus: 5 as unknown as () => CpuSnapshot })).toThrow(
      /^cpus must be a function/,
    );
    expect(() => createCoreSampler({ now: 5 as unknown as () => number })).toThrow(/^now must be a function/);
    expect(() => createCoreSampler({ timers: {} as never })).toThrow(/^timers must have/);
    const { sampler } = setup();
    expect(() => sampler.subscribe('x' as unknown as () => void)).toThrow(TypeError);
  });

  it('measures the real os.cpus(): values within [0, 100] and some load where work ran', () => {
    const clock = manualClock();
    const sampler = createCoreSampler({ timers: clock.timers, now: clock.now });
    const samples: CoreSample[] = [];
    sampler.subscribe((s) => samples.push(s));
    // Burn CPU until this process has used 50 ms of user time: that load must show up.
    const start = process.cpuUsage().user;
    let x = 0;
    while (process.cpuUsage().user - start < 50_000) for (let i = 0; i < 1e5; i++) x += Math.sqrt(i);
    expect(x).toBeGreaterThan(0);
    clock.fire();
    sampler.dispose();

    const [sample] = samples;
    expect(sample?.cores).toHaveLength(os.cpus().length);
    for (const c of sample!.cores) {
      expect(c.user).toBeGreaterThanOrEqual(0);
      expect(c.system).toBeGreaterThanOrEqual(0);
      expect(c.user + c.system).toBeLessThanOrEqual(100);
    }
    expect(sample!.total).toBeGreaterThan(0);
    expect(sample!.total).toBeLessThanOrEqual(100);
  });

  it.each(['native', 'thread', 'timer'])(
    'never keeps a process alive (%s): a still-subscribed sampler lets a CLI exit',
    async (path) => {
      const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
      const probe = fileURLToPath(new URL('./unref-probe.ts', import.meta.url));
      const child = spawn(process.execPath, ['--import', tsx, probe, path], {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, [NATIVE_SAMPLER_ENV]: helper() },
      });
      // Should the sampler hold the child open, the test times out; do not leave the child behind.
      onTestFinished(() => {
        if (child.exitCode === null) child.kill();
      });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      // It did sample with the real timers before letting go.
      expect(JSON.parse(out)).toMatchObject({ cores: os.cpus().length });
    },
  );
});
