// The session process on its own, spoken to over its protocol exactly as the runner does.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FromSession, ToSession } from '../../src/shared/session-protocol';
import { waitForProcessGroup } from '../../src/main/session/process-group';
import { isRunning } from '../main/session/observe';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = join(root, 'src', 'workers', 'session-process.ts');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function startSession(
  args: string[] = [],
  detached = false,
): { child: ChildProcess; messages: FromSession[]; outcome: Promise<FromSession> } {
  const child = fork(entry, args, {
    detached,
    execArgv: ['--import', tsx],
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const messages: FromSession[] = [];
  const outcome = new Promise<FromSession>((resolve) => {
    child.on('message', (m: FromSession) => {
      messages.push(m);
      if (m.type !== 'trace') resolve(m);
    });
  });
  return { child, messages, outcome };
}

const start = (scenario: string, tracing = true): ToSession => ({
  type: 'start',
  scenario,
  params: { workers: 2 },
  tracing,
});

describe('session process', () => {
  it('runs a catalog scenario, streams trace batches, sends done and exits 0', async () => {
    const { child, messages, outcome } = startSession();
    const exited = once(child, 'exit');
    child.send(start('pool-map'));
    const done = await outcome;
    expect(done).toMatchObject({ type: 'done', summary: { scenario: 'pool-map', ok: true, tasks: 8 } });
    expect(await exited).toEqual([0, null]);
    const traces = messages.filter((m) => m.type === 'trace');
    const events = traces.flatMap((m) => (m.type === 'trace' ? m.events : []));
    expect(events.filter((e) => e.type === 'task-end')).toHaveLength(8);
    // Batches as the pool made them: far fewer messages than events.
    expect(traces.length).toBeLessThan(events.length);
    // Nothing follows the outcome.
    expect(messages.at(-1)).toBe(done);
  });

  it('sends no trace messages when tracing is off, but still counts tasks', async () => {
    const { child, messages, outcome } = startSession();
    child.send(start('pool-map', false));
    expect(await outcome).toMatchObject({ type: 'done', summary: { tasks: 8 } });
    expect(messages.filter((m) => m.type === 'trace')).toEqual([]);
    await once(child, 'exit');
  });

  it('answers failed (not-found) for an unknown scenario and exits 0', async () => {
    const { child, outcome } = startSession();
    const exited = once(child, 'exit');
    child.send(start('no-such-scenario'));
    expect(await outcome).toMatchObject({ type: 'failed', error: { code: 'not-found', name: 'TypeError' } });
    expect(await exited).toEqual([0, null]);
  });

  it('runs the module given as its argument, reporting a remote failure with its stack', async () => {
    const { child, outcome } = startSession([
      join(root, 'tests', 'fixtures', 'session', 'throws-in-task.ts'),
    ]);
    child.send(start('anything'));
    const failed = await outcome;
    expect(failed.type).toBe('failed');
    if (failed.type !== 'failed') return;
    expect(failed.error).toMatchObject({ code: 'workload-error', name: 'RangeError' });
    expect(failed.error.stack).toContain('explodeOnThree');
    await once(child, 'exit');
  });

  it('counts the tasks that task-batch events stand for in the summary', async () => {
    const { child, messages, outcome } = startSession([
      join(root, 'tests', 'fixtures', 'session', 'big-map.ts'),
    ]);
    child.send(start('big-map'));
    const done = await outcome;
    expect(done).toMatchObject({ type: 'done', summary: { result: 10_000, tasks: 10_000 } });
    const events = messages.flatMap((m) => (m.type === 'trace' ? m.events : []));
    // The premise: this run's trace did fold tasks into batches.
    expect(events.some((e) => e.type === 'task-batch')).toBe(true);
    await once(child, 'exit');
  });

  it('exits when its parent disconnects, taking its busy pool workers with it', async () => {
    // Detached, as the runner starts it: the session process leads its own process group.
    const { child, messages } = startSession([join(root, 'tests', 'fixtures', 'session', 'spin.ts')], true);
    const busy = new Promise<number>((resolve) => {
      child.on('message', (m: FromSession) => {
        const started = m.type === 'trace' ? m.events.find((e) => e.type === 'task-start') : undefined;
        if (started?.type === 'task-start') resolve(started.pid);
      });
    });
    child.send({ ...start('spin'), params: { workers: 1 } });
    const workerPid = await busy;
    const exited = once(child, 'exit');
    child.disconnect();
    await exited;
    // The worker was SIGKILLed with its group but may still be tearing down; nothing signals
    // the death of a grandchild, so wait (bounded) for the group to empty, then check.
    await waitForProcessGroup(child.pid!, Date.now() + 1000);
    expect(isRunning(workerPid)).toBe(false);
    expect(messages.filter((m) => m.type !== 'trace')).toEqual([]);
  });
});
