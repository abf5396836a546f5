import { afterEach, describe, expect, it } from 'vitest';
import { setTraceSink } from '../../../src/workers/runtime/trace';
import { Probe } from '../../fixtures/tasks/process-probe';
import { TraceRecorder } from './helpers';
import { BACKENDS, target, tracked } from './process-helpers';

afterEach(() => setTraceSink(null));

describe.each(BACKENDS)('Process in the context tree (%s backend)', (backend) => {
  it("reaches a probe of this context from a grandchild, through the child's router", async () => {
    for (const inner of BACKENDS) {
      const probe = new Probe();
      const child = tracked({ target: target('nested'), args: [probe.address, inner, inner], backend });
      await child.start();
      await child.join();
      expect(child.exitCode).toBe(0);
      const { args, caller } = await probe.call('hello');
      const [tag, pid, tid] = args as [string, number, number];
      expect(tag).toBe(inner);
      expect(caller.address).toBe(`${pid}.${tid}`);
      // The grandchild is neither this context nor the child.
      expect(caller.address).not.toBe(`${child.pid}.${child.threadId}`);
      expect(`${pid}.${tid}`).not.toBe(`${process.pid}.0`);
      if (inner === 'thread') expect(pid).toBe(child.pid);
    }
  });

  it("aborts a served call's signal when its caller is killed, and reports the caller gone", async () => {
    const probe = new Probe();
    const child = tracked({ target: target('block'), args: [probe.address], backend });
    await child.start();
    const address = `${child.pid}.${child.threadId}`;
    expect((await probe.call('block')).caller.address).toBe(address);
    await child.kill();
    const aborted = await probe.waitFor((n) => n.kind === 'aborted');
    expect(aborted.kind === 'aborted' && aborted.caller.address).toBe(address);
    const gone = await probe.waitFor((n) => n.kind === 'gone' && n.caller.address === address);
    expect(gone.kind === 'gone' && gone.exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(child.exitCode).toBe(-9);
  });

  it('reports a child that exits normally as gone with its code', async () => {
    const probe = new Probe();
    const child = tracked({ target: target('exitWith'), args: [3], backend });
    await child.start();
    await child.join();
    const address = `${child.pid}.${child.threadId}`;
    const gone = await probe.waitFor((n) => n.kind === 'gone' && n.caller.address === address);
    expect(gone.kind === 'gone' && gone.exit).toEqual({ code: 3, signal: null });
  });

  it('traces start, one output event per line (split writes joined, last line kept) and exit', async () => {
    const recorder = new TraceRecorder();
    setTraceSink(recorder.sink);
    const child = tracked({ target: target('printLines'), backend });
    await child.start();
    await child.join();
    const actor = { pid: child.pid, tid: child.threadId };
    const events = recorder.events.filter((e) => 'tid' in e && e.pid === actor.pid && e.tid === actor.tid);
    const lines = (stream: string): string[] =>
      recorder.ofType('output').flatMap((e) => (e.stream === stream ? [e.line] : []));
    expect(lines('stdout')).toEqual(['alpha', 'beta', 'gamma']);
    expect(lines('stderr')).toEqual(['oops']);
    expect(events[0]).toMatchObject({
      type: 'process-start',
      name: child.name,
      backend,
      parentPid: process.pid,
      target: `${child.target.module}#printLines`,
    });
    expect(events.at(-1)).toMatchObject({
      type: 'process-exit',
      name: child.name,
      exitCode: 0,
      signal: null,
    });
    expect(events.map((e) => e.type).filter((t) => t === 'output')).toHaveLength(4);
  });

  it("puts the target's stack on the child's stderr, as Python prints a traceback", async () => {
    const recorder = new TraceRecorder();
    setTraceSink(recorder.sink);
    const child = tracked({ target: target('throwRange'), args: ['bad item'], backend });
    await child.start();
    await child.join();
    const stderr = recorder
      .ofType('output')
      .filter((e) => e.stream === 'stderr' && e.pid === child.pid && e.tid === child.threadId)
      .map((e) => e.line);
    expect(stderr[0]).toBe(`Process ${child.name}:`);
    expect(stderr[1]).toBe('RangeError: bad item');
    expect(stderr.some((line) => /^\s+at throwRange /.test(line))).toBe(true);
    expect(recorder.ofType('process-exit').find((e) => e.name === child.name)?.exitCode).toBe(1);
  });

  it("records a grandchild's output once, with the grandchild as the actor", async () => {
    const recorder = new TraceRecorder();
    setTraceSink(recorder.sink);
    const child = tracked({ target: target('nestedPrint'), args: [backend], backend });
    await child.start();
    await child.join();
    expect(child.exitCode).toBe(0);
    const starts = recorder.ofType('process-start');
    expect(starts.map((e) => e.name)).toEqual([child.name, `${child.name}:1`]);
    const grandchild = starts[1]!;
    const outputs = recorder.ofType('output');
    const lines = (stream: string): string[] => outputs.flatMap((e) => (e.stream === stream ? [e.line] : []));
    expect(lines('stdout')).toEqual(['alpha', 'beta', 'gamma']);
    expect(lines('stderr')).toEqual(['oops']);
    expect(outputs.every((e) => e.pid === grandchild.pid && e.tid === grandchild.tid)).toBe(true);
  });
});
