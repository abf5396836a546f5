import { describe, expect, it } from 'vitest';
import { TaskLoadError } from '../../../src/workers/runtime/errors';
import { Process } from '../../../src/workers/runtime/process';
import { ProcessStateError } from '../../../src/workers/runtime/process-errors';
import { task } from '../../../src/workers/runtime/task-ref';
import { Probe } from '../../fixtures/tasks/process-probe';
import { fixture } from './helpers';
import { BACKENDS, target, tracked } from './process-helpers';

describe.each(BACKENDS)('Process (%s backend)', (backend) => {
  it('runs the target in a new child and ends with exitCode 0', async () => {
    const probe = new Probe();
    const child = tracked({ target: target('hello'), args: [probe.address, 'hi'], backend });
    expect(child.isAlive()).toBe(false);
    expect(child.pid).toBeUndefined();
    await child.start();
    expect(child.isAlive()).toBe(true);
    await child.join();
    expect(child.exitCode).toBe(0);
    expect(child.isAlive()).toBe(false);
    expect(child.error).toBeNull();
    const { args, caller } = await probe.call('hello');
    expect(args).toEqual(['hi', child.pid, child.threadId]);
    expect(caller.address).toBe(`${child.pid}.${child.threadId}`);
    if (backend === 'process') {
      expect(child.pid).not.toBe(process.pid);
      expect(child.threadId).toBe(0);
    } else {
      expect(child.pid).toBe(process.pid);
      expect(child.threadId).toBeGreaterThan(0);
    }
  });

  it('exitCode 1 and the remote error when the target throws', async () => {
    const child = tracked({ target: target('throwRange'), args: ['bad item'], backend });
    await child.start();
    await child.join();
    expect(child.exitCode).toBe(1);
    expect(child.error).toBeInstanceOf(RangeError);
    expect(child.error?.message).toBe('bad item');
    expect(child.error?.stack).toMatch(/Remote stack[^]*at throwRange/);
  });

  it('exitCode 1 and the error when the target rejects later', async () => {
    const child = tracked({ target: target('rejectLater'), args: ['late'], backend });
    await child.start();
    await child.join();
    expect(child.exitCode).toBe(1);
    expect(child.error).toBeInstanceOf(TypeError);
    expect(child.error?.message).toBe('late');
  });

  it('exitCode n after process.exit(n) in the target', async () => {
    const child = tracked({ target: target('exitWith'), args: [3], backend });
    await child.start();
    await child.join();
    expect(child.exitCode).toBe(3);
    expect(child.error).toBeNull();
  });

  it('terminate() ends a busy loop within 1 s with exitCode -15; kill() with -9', async () => {
    for (const [method, code] of [
      ['terminate', -15],
      ['kill', -9],
    ] as const) {
      const probe = new Probe();
      const child = tracked({ target: target('readyThenSpin'), args: [probe.address], backend });
      await child.start();
      await probe.call('ready');
      const t0 = performance.now();
      await child[method]();
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(child.exitCode).toBe(code);
      expect(child.isAlive()).toBe(false);
      // Once gone, both are no-ops.
      await child.terminate();
      await child.kill();
      expect(child.exitCode).toBe(code);
    }
  });

  it('join(timeout) returns with exitCode null while the child runs', async () => {
    const probe = new Probe();
    const child = tracked({ target: target('block'), args: [probe.address], backend });
    await child.start();
    await probe.call('block');
    await child.join(0);
    await child.join(20);
    expect(child.exitCode).toBeNull();
    expect(child.isAlive()).toBe(true);
    probe.release();
    await child.join(60_000);
    expect(child.exitCode).toBe(0);
  });

  it('exitCode 1 and a TaskLoadError naming module and export when the target cannot load', async () => {
    const missingExport = tracked({ target: target('noSuchExport'), backend });
    const missingModule = tracked({ target: task(fixture('process-missing.ts'), 'x'), backend });
    await Promise.all([missingExport.start(), missingModule.start()]);
    await Promise.all([missingExport.join(), missingModule.join()]);
    for (const [child, name, module] of [
      [missingExport, 'noSuchExport', 'process-tasks.ts'],
      [missingModule, 'x', 'process-missing.ts'],
    ] as const) {
      expect(child.exitCode).toBe(1);
      expect(child.error).toBeInstanceOf(TaskLoadError);
      expect(child.error?.message).toContain(`"${name}"`);
      expect(child.error?.message).toContain(module);
    }
  });

  it('names children Process-<n> and their children Process-<n>:<m>, as Python', async () => {
    const first = new Process({ target: target('hello'), backend });
    const second = new Process({ target: target('hello'), backend });
    const n = Number(/^Process-(\d+)$/.exec(first.name)?.[1]);
    expect(second.name).toBe(`Process-${n + 1}`);
    expect(new Process({ target: target('hello'), name: 'worker', backend }).name).toBe('worker');
    const probe = new Probe();
    const parent = tracked({ target: target('nameChildren'), args: [probe.address], backend });
    const [, m] = /^Process-(\d+)$/.exec(parent.name)!;
    await parent.start();
    expect((await probe.call('names')).args).toEqual([`Process-${m}:1`, `Process-${m}:2`]);
    await parent.join();
  });

  it('refuses start() twice, and join/terminate/kill before start()', async () => {
    const child = tracked({ target: target('exitWith'), args: [0], backend });
    await expect(child.join()).rejects.toThrow(ProcessStateError);
    await expect(child.terminate()).rejects.toThrow(ProcessStateError);
    await expect(child.kill()).rejects.toThrow(/can only kill a started process/);
    await child.start();
    await expect(child.start()).rejects.toThrow(/cannot start a process twice/);
    await child.join();
    await expect(child.start()).rejects.toThrow(ProcessStateError);
    expect(child.exitCode).toBe(0);
  });
});

describe('Process options', () => {
  const ok = { target: target('hello') };

  it('names the option at fault', () => {
    expect(() => new Process(undefined as never)).toThrow(/"options"/);
    expect(() => new Process({} as never)).toThrow(/"target"/);
    expect(() => new Process({ target: { module: 'relative.ts', name: 'f' } })).toThrow(/"target.module"/);
    expect(() => new Process({ ...ok, args: 'x' as never })).toThrow(TypeError);
    expect(() => new Process({ ...ok, args: 'x' as never })).toThrow(/"args"/);
    expect(() => new Process({ ...ok, name: 5 as never })).toThrow(/"name"/);
    expect(() => new Process({ ...ok, daemon: 'yes' as never })).toThrow(/"daemon"/);
    expect(() => new Process({ ...ok, backend: 'fiber' as never })).toThrow(RangeError);
    expect(() => new Process({ ...ok, backend: 1 as never })).toThrow(TypeError);
  });

  it('refuses an argument that cannot reach the child, naming args[i]', () => {
    expect(() => new Process({ ...ok, args: [1, () => 2] })).toThrow(/args\[1\][^]*functions/);
    expect(() => new Process({ ...ok, args: [{ s: Symbol('x') }] })).toThrow(/args\[0\]/);
    expect(() => new Process({ ...ok, args: [1, () => 2] })).toThrow(TypeError);
  });

  it('refuses a negative or NaN join timeout with a RangeError naming it', async () => {
    const child = new Process(ok);
    await expect(child.join(-1)).rejects.toThrow(RangeError);
    await expect(child.join(Number.NaN)).rejects.toThrow(/"timeout"/);
    await expect(child.join('1' as never)).rejects.toThrow(TypeError);
  });
});
