import { describe, expect, it, vi } from 'vitest';
import { decodeChunk } from '../../../src/shared/trace-chunk';
import type { FromWorker, ToWorker } from '../../../src/shared/worker-protocol';
import type { Transport } from '../../../src/workers/transport';
import { runWorker } from '../../../src/workers/runtime/worker-loop';
import { fixture } from './helpers';

/** An in-memory transport: the test plays the pool. */
class FakeTransport implements Transport {
  readonly kind = 'node-ipc';
  readonly sent: FromWorker[] = [];
  private listener: (message: unknown) => void = () => {};
  private waiters: { type: FromWorker['type']; resolve: (m: FromWorker) => void }[] = [];

  send(message: unknown): void {
    const m = structuredClone(message) as FromWorker;
    // A batch is its messages, in order.
    for (const one of m.type === 'batch' ? m.messages : [m]) {
      this.sent.push(one);
      this.waiters = this.waiters.filter((w) => (w.type === one.type ? (w.resolve(one), false) : true));
    }
  }
  onMessage(listener: (message: unknown) => void): void {
    this.listener = listener;
  }
  onDisconnect(): void {}
  deliver(message: ToWorker): void {
    this.listener(message);
  }
  next(type: FromWorker['type']): Promise<FromWorker> {
    return new Promise((resolve) => this.waiters.push({ type, resolve }));
  }
}

function start(tracing: boolean): {
  transport: FakeTransport;
  exit: ReturnType<typeof vi.fn>;
  exited: Promise<number>;
} {
  const transport = new FakeTransport();
  let onExit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (onExit = resolve));
  const exit = vi.fn((code: number) => onExit(code));
  runWorker({ transport, pid: 4242, backend: 'process', exit });
  transport.deliver({
    type: 'init',
    workerId: 7,
    tracing,
    flushIntervalMs: 1000,
    flushMaxEvents: 4,
    batchBelowUs: 100,
  });
  return { transport, exit, exited };
}

const square = { module: fixture('math.ts'), name: 'square' };

describe('worker loop', () => {
  it('announces itself, then answers a chunk with every trace event sent before the results', async () => {
    const { transport } = start(true);
    const done = transport.next('chunk-done');
    const taskIds = ['1:0', '1:1', '1:2', '1:3', '1:4'];
    const trace = { callId: 1, submitTs: 0, detailed: true };
    transport.deliver({ type: 'run', chunkId: 3, task: square, start: 0, args: [1, 2, 3, 4, 5], trace });
    // A few numbers travel as a plain array (JSON on the frame channel); many as one block.
    expect(await done).toEqual({
      type: 'chunk-done',
      chunkId: 3,
      values: [1, 4, 9, 16, 25],
      failures: [],
      // The worker's own time for the tasks: what the pool sizes groups by.
      runUs: expect.any(Number),
    });
    const types = transport.sent.map((m) => m.type);
    expect(types.slice(0, 2)).toEqual(['trace', 'ready']);
    expect(types.at(-1)).toBe('chunk-done');
    const events = transport.sent.flatMap((m) => (m.type === 'trace' ? decodeChunk(m.chunk) : []));
    expect(events[0]).toMatchObject({ type: 'worker-spawn', workerId: 7, pid: 4242, backend: 'process' });
    expect(events.filter((e) => e.type === 'task-end').map((e) => e.type === 'task-end' && e.taskId)).toEqual(
      taskIds,
    );
    // 1 spawn + 10 task events, batched by 4 (plus the chunk's first start, sent at once).
    expect(transport.sent.filter((m) => m.type === 'trace').length).toBeLessThan(events.length);
  });

  it('answers with an array and the failures, by index, when not every result is a number', async () => {
    const { transport } = start(false);
    const done = transport.next('chunk-done');
    const failOnThree = { module: fixture('math.ts'), name: 'failOnThree' };
    transport.deliver({ type: 'run', chunkId: 1, task: failOnThree, start: 10, args: [1, 3, 5] });
    const message = await done;
    expect(message).toMatchObject({ values: [1, undefined, 5], failures: [{ index: 1 }] });
    const failure = message.type === 'chunk-done' ? message.failures[0] : undefined;
    expect(failure?.error).toMatchObject({
      code: 'workload-error',
      name: 'RangeError',
      message: 'bad item 3',
    });
    expect(failure?.error.stack).toContain('failOnThree');
  });

  it('spreads each argument list over the task with spread (starmap)', async () => {
    const { transport } = start(false);
    const done = transport.next('chunk-done');
    const identity = { module: fixture('math.mjs'), name: 'identity' };
    const args = [
      ['a', 'b'],
      [{ x: 1 }, 2],
    ];
    transport.deliver({ type: 'run', chunkId: 2, task: identity, start: 0, args, spread: true });
    expect(await done).toMatchObject({ values: ['a', { x: 1 }], failures: [] });
  });

  it('reports a task it cannot load as chunk-failed, naming the missing export', async () => {
    const { transport } = start(false);
    const failed = transport.next('chunk-failed');
    transport.deliver({
      type: 'run',
      chunkId: 1,
      task: { ...square, name: 'nope' },
      start: 0,
      args: [1],
    });
    const message = await failed;
    expect(message.type === 'chunk-failed' && message.error.message).toMatch(/no export named "nope"/);
    expect(transport.sent.some((m) => m.type === 'trace')).toBe(false);
  });

  it('exits after the chunks queued before shutdown', async () => {
    const { transport, exit, exited } = start(false);
    transport.deliver({ type: 'run', chunkId: 1, task: square, start: 0, args: [2] });
    transport.deliver({ type: 'shutdown' });
    expect(exit).not.toHaveBeenCalled();
    expect(await exited).toBe(0);
    expect(transport.sent.map((m) => m.type)).toEqual(['ready', 'chunk-done']);
  });

  it('runs the initializer with its initargs before answering ready, then runs tasks after it', async () => {
    const transport = new FakeTransport();
    runWorker({ transport, pid: 4242, backend: 'process', exit: vi.fn() });
    const ready = transport.next('ready');
    const tasks = fixture('pool-tasks.ts');
    transport.deliver({
      type: 'init',
      workerId: 1,
      tracing: false,
      flushIntervalMs: 1000,
      flushMaxEvents: 4,
      batchBelowUs: 100,
      initializer: { module: tasks, name: 'setupLater' },
      initargs: ['configured by the initializer'],
    });
    expect(await ready).toEqual({ type: 'ready', workerId: 1, pid: 4242 });
    const done = transport.next('chunk-done');
    transport.deliver({
      type: 'run',
      chunkId: 1,
      task: { module: tasks, name: 'readSetup' },
      start: 0,
      args: [7],
    });
    expect(await done).toMatchObject({ values: [['configured by the initializer', 7]] });
  });

  it('reports an initializer that throws or cannot load as init-failed and never becomes ready', async () => {
    for (const [name, stage, message] of [
      ['failingSetup', 'run', 'setup failed'],
      ['noSuchSetup', 'load', 'no export named "noSuchSetup"'],
    ] as const) {
      const transport = new FakeTransport();
      let onExit: (code: number) => void = () => {};
      const exited = new Promise<number>((resolve) => (onExit = resolve));
      runWorker({ transport, pid: 4242, backend: 'thread', exit: onExit });
      const failed = transport.next('init-failed');
      transport.deliver({
        type: 'init',
        workerId: 2,
        tracing: false,
        flushIntervalMs: 1000,
        flushMaxEvents: 4,
        batchBelowUs: 100,
        initializer: { module: fixture('pool-tasks.ts'), name },
      });
      const report = await failed;
      expect(report).toMatchObject({ type: 'init-failed', workerId: 2, pid: 4242, stage });
      expect(report.type === 'init-failed' && report.error.message).toContain(message);
      transport.deliver({ type: 'shutdown' });
      expect(await exited).toBe(0);
      expect(transport.sent.map((m) => m.type)).toEqual(['init-failed']);
    }
  });

  it('answers a cancel at once for a chunk still waiting behind one that has not finished', async () => {
    const { transport } = start(false);
    const gate = `${fixture('pool-tasks.ts')}.gate-${process.pid}-${Date.now()}`;
    const gatedItem = { module: fixture('pool-tasks.ts'), name: 'gatedItem' };
    const skipped = transport.next('chunk-skipped');
    transport.deliver({
      type: 'run-batch',
      runs: [
        { type: 'run', chunkId: 1, task: gatedItem, start: 0, args: [['first', gate, null]] },
        { type: 'run', chunkId: 2, task: square, start: 0, args: [3] },
      ],
    });
    transport.deliver({ type: 'cancel', chunkIds: [2, 99] });
    expect(await skipped).toEqual({ type: 'chunk-skipped', chunkId: 2 });
    const done = transport.next('chunk-done');
    const { writeFileSync, rmSync } = await import('node:fs');
    writeFileSync(gate, '');
    try {
      expect(await done).toMatchObject({ chunkId: 1, values: ['first'] });
    } finally {
      rmSync(gate, { force: true });
    }
    const answers = transport.sent.filter((m) => m.type === 'chunk-done' || m.type === 'chunk-skipped');
    expect(
      answers.map((m) => (m.type === 'chunk-done' || m.type === 'chunk-skipped' ? m.chunkId : 0)),
    ).toEqual([2, 1]);
  });
});
