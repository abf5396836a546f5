import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { threadId as testThreadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeChunk } from '../../../src/shared/trace-chunk';
import type { FromWorker, ToWorker } from '../../../src/shared/worker-protocol';
import {
  spawnWorker,
  type SpawnOptions,
  type WorkerHandle,
} from '../../../src/workers/runtime/worker-handle';
import { fixture } from './helpers';

/** `Atomics.waitAsync` (in Node since 16), which the project's TypeScript lib does not declare yet. */
const { waitAsync } = Atomics as unknown as {
  waitAsync(array: Int32Array, index: number, value: number): { value: Promise<string> | string };
};

type Init = Extract<ToWorker, { type: 'init' }>;
type Exit = { code: number | null; signal: string | null; reason: string | undefined };

const init = (workerId: number, tracing = false): Init => ({
  type: 'init',
  workerId,
  tracing,
  flushIntervalMs: 25,
  flushMaxEvents: 256,
  batchBelowUs: 0,
});

/** One thread worker driven with the pool protocol; every wait is for a message or the exit. */
class Driver {
  readonly messages: FromWorker[] = [];
  readonly handle: WorkerHandle;
  readonly exited: Promise<Exit>;
  private exitCount = 0;
  private waiters: { match: (m: FromWorker) => boolean; resolve: (m: FromWorker) => void }[] = [];

  constructor(workerId: number, options?: SpawnOptions, tracing = false) {
    let onExit!: (exit: Exit) => void;
    this.exited = new Promise((resolve) => (onExit = resolve));
    this.handle = spawnWorker(
      'thread',
      init(workerId, tracing),
      {
        onMessage: (message) => this.receive(message),
        onExit: (code, signal, reason) => {
          this.exitCount++;
          onExit({ code, signal, reason });
        },
      },
      options,
    );
    drivers.push(this);
  }

  /** Records a message, unpacking a worker's bundle of several into its parts, in order. */
  private receive(message: FromWorker): void {
    if (message.type === 'batch') {
      for (const inner of message.messages) this.receive(inner);
      return;
    }
    this.messages.push(message);
    this.waiters = this.waiters.filter((w) => !(w.match(message) && (w.resolve(message), true)));
  }

  get exits(): number {
    return this.exitCount;
  }

  next<T extends FromWorker['type']>(
    type: T,
    match: (m: Extract<FromWorker, { type: T }>) => boolean = () => true,
  ) {
    const test = (m: FromWorker): m is Extract<FromWorker, { type: T }> =>
      m.type === type && match(m as never);
    const seen = this.messages.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise<Extract<FromWorker, { type: T }>>((resolve) =>
      this.waiters.push({ match: test, resolve: resolve as (m: FromWorker) => void }),
    );
  }

  run(chunkId: number, file: string, name: string, args: unknown[] | Float64Array): void {
    this.handle.send({ type: 'run', chunkId, task: { module: fixture(file), name }, start: 0, args });
  }
}

const drivers: Driver[] = [];
afterEach(async () => {
  await Promise.all(
    drivers.splice(0).map((d) => {
      d.handle.kill();
      return d.exited;
    }),
  );
});

describe('thread worker handle', () => {
  it('speaks the pool protocol: ready, then each chunk’s results, then exits 0 on shutdown', async () => {
    const d = new Driver(3);
    expect(d.handle.backend).toBe('thread');
    expect(d.handle.pid).toBe(process.pid);
    expect(d.handle.threadId).toBeGreaterThan(testThreadId);
    expect(await d.next('ready')).toEqual({ type: 'ready', workerId: 3, pid: process.pid });
    d.run(1, 'math.ts', 'square', new Float64Array([1, 2, 3, 4]));
    d.run(2, 'math.mjs', 'cube', [2, 3]);
    d.run(3, 'math.cjs', 'negate', [5]);
    const one = await d.next('chunk-done', (m) => m.chunkId === 1);
    expect(Array.from(one.values)).toEqual([1, 4, 9, 16]);
    expect(one.failures).toEqual([]);
    expect(Array.from((await d.next('chunk-done', (m) => m.chunkId === 2)).values)).toEqual([8, 27]);
    expect(Array.from((await d.next('chunk-done', (m) => m.chunkId === 3)).values)).toEqual([-5]);
    d.handle.send({ type: 'shutdown' });
    expect(await d.exited).toEqual({ code: 0, signal: null, reason: undefined });
    expect(d.exits).toBe(1);
  });

  it('runs a .ts task module (importing another .ts module) inside a thread of this process', async () => {
    const d = new Driver(0);
    d.run(1, 'thread-tasks.ts', 'whereAmI', [7]);
    const done = await d.next('chunk-done');
    expect(done.values).toEqual([[process.pid, d.handle.threadId, false, 49]]);
  });

  it('sends the trace of a chunk before its results, with the thread backend on worker-spawn', async () => {
    const d = new Driver(5, undefined, true);
    d.handle.send({
      type: 'run',
      chunkId: 1,
      task: { module: fixture('math.ts'), name: 'square' },
      start: 0,
      args: [2, 3],
      trace: { callId: 9, submitTs: 0, detailed: true },
    });
    await d.next('chunk-done');
    const order = d.messages.map((m) => m.type);
    expect(order.indexOf('trace')).toBeLessThan(order.indexOf('chunk-done'));
    const events = d.messages.flatMap((m) => (m.type === 'trace' ? decodeChunk(m.chunk) : []));
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'worker-spawn', workerId: 5, pid: process.pid, backend: 'thread' }),
    );
    expect(events.filter((e) => e.type === 'task-end')).toHaveLength(2);
  });

  it('kill() stops a busy synchronous loop within a second and reports the exit once', async () => {
    const d = new Driver(0);
    // The flag's memory is shared with the thread: it is raised once the loop is entered.
    const flag = new Int32Array(new SharedArrayBuffer(4));
    d.run(1, 'thread-tasks.ts', 'signalThenSpin', [flag]);
    await waitAsync(flag, 0, 0).value;
    const start = performance.now();
    d.handle.kill();
    d.handle.kill();
    const exit = await d.exited;
    expect(performance.now() - start).toBeLessThan(1000);
    // Reported as a process worker killed by the pool is: SIGKILL, no code (threads emulate signals).
    expect(exit).toEqual({ code: null, signal: 'SIGKILL', reason: 'terminated' });
    d.handle.send({ type: 'shutdown' });
    expect(d.exits).toBe(1);
  });

  it('reports an uncaught exception thrown in a timer as an exit with its code and reason', async () => {
    const d = new Driver(0);
    d.run(1, 'thread-tasks.ts', 'throwLater', ['boom from a timer']);
    expect((await d.next('chunk-done')).values).toEqual(['scheduled']);
    const exit = await d.exited;
    expect(exit.code).toBe(1);
    expect(exit.reason).toMatch(/boom from a timer/);
  });

  it('reports a task that calls process.exit as the thread’s exit with that code, the process living on', async () => {
    const d = new Driver(0);
    d.run(1, 'math.ts', 'exitWith', [9]);
    expect(await d.exited).toEqual({ code: 9, signal: null, reason: undefined });
  });

  it('reports a thread that outgrows its heap limit as an exit, with out-of-memory as the reason', async () => {
    const d = new Driver(0, { resourceLimits: { maxOldGenerationSizeMb: 16 } });
    d.run(1, 'thread-tasks.ts', 'exhaustHeap', [0]);
    const exit = await d.exited;
    expect(exit.code).not.toBe(0);
    expect(exit.reason).toMatch(/ERR_WORKER_OUT_OF_MEMORY/);
  });

  it('reports a thread whose heap limit is too small to start as a failed exit, never as code 0', async () => {
    const d = new Driver(0, { resourceLimits: { maxOldGenerationSizeMb: 1 } });
    const exit = await d.exited;
    expect(exit.code).not.toBe(0);
    expect(exit.reason).toMatch(/ERR_WORKER_OUT_OF_MEMORY/);
  });

  it('reports a module that cannot be loaded as a failed chunk, and keeps serving', async () => {
    const d = new Driver(0);
    d.run(1, 'no-such-module.ts', 'square', [1]);
    const failed = await d.next('chunk-failed');
    expect(failed.error.message).toMatch(/no-such-module/);
    d.run(2, 'math.ts', 'square', [3]);
    expect(Array.from((await d.next('chunk-done')).values)).toEqual([9]);
  });

  it('lets the process exit once the pool no longer keeps its idle thread alive', async () => {
    const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const parent = spawn(process.execPath, ['--import', loader, fixture('thread-parent.ts')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    parent.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    // The thread still holds a timer; only the unref lets this process end by itself.
    const [code] = (await once(parent, 'exit')) as [number | null];
    expect(output).toBe('idle [4]\n');
    expect(code).toBe(0);
  });
});
