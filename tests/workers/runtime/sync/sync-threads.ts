/**
 * Test helper: real worker threads (tests/fixtures/tasks/sync-thread.ts) that share the cores'
 * SharedArrayBuffers with the test and run commands on them. Every wait is for a message.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach } from 'vitest';
import type { Command, SharedObject } from '../../../fixtures/tasks/sync-thread';
import type { PrimitiveInfo } from '../../../../src/workers/runtime/context/identity';
import { fixture } from '../helpers';

/** A thread evaluates this: register tsx (ESM and CJS hooks) through its API, then import the fixture. */
export function bootstrap(file = 'sync-thread.ts'): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const api = (name: string): string =>
    new URL(pkg.exports[name]!.import.default, pathToFileURL(pkgPath)).href;
  const main = pathToFileURL(fixture(file)).href;
  return (
    `Promise.all([import(${JSON.stringify(api('./esm/api'))}), import(${JSON.stringify(api('./cjs/api'))})])` +
    `.then(([esm, cjs]) => { esm.register(); cjs.register(); return import(${JSON.stringify(main)}); });`
  );
}

/** Describes a core for the thread. */
export function shareObject(
  kind: SharedObject['kind'],
  core: {
    sab: SharedArrayBuffer | undefined;
    info: PrimitiveInfo;
    lock?: { sab: SharedArrayBuffer | undefined; info: PrimitiveInfo };
  },
): SharedObject {
  const o: SharedObject = { kind, sab: sabOf(core), info: core.info };
  if (kind === 'condition' && core.lock !== undefined)
    o.lock = { sab: sabOf(core.lock), info: core.lock.info };
  return o;
}

/** These helpers share SharedArrayBuffer memory: the test file must create cores with segments off. */
function sabOf(core: { sab: SharedArrayBuffer | undefined; info: PrimitiveInfo }): SharedArrayBuffer {
  if (core.sab === undefined) {
    throw new Error(
      `${core.info.name} is in a segment: call setShmForNewPrimitives(false) in this test file`,
    );
  }
  return core.sab;
}

/** What a thread threw, as it reported it. */
export class ThreadError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

type Reply = { id: number; phase: 'started' | 'done' | 'error'; value: unknown };
type Pending = { started: () => void; resolve: (v: unknown) => void; reject: (e: Error) => void };
type CommandBody = Command extends infer C ? (C extends Command ? Omit<C, 'id'> : never) : never;

const running: SyncThread[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.terminate()));
});

/** One thread sharing the given cores. */
export class SyncThread {
  /** The thread's holder tag (`threadId + 1`). */
  readonly tag: number;
  readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(worker: Worker, tag: number) {
    this.worker = worker;
    this.tag = tag;
    worker.on('message', (reply: Reply) => {
      const p = this.pending.get(reply.id);
      if (p === undefined) return;
      if (reply.phase === 'started') return p.started();
      this.pending.delete(reply.id);
      if (reply.phase === 'done') p.resolve(reply.value);
      else {
        const e = reply.value as { name: string; message: string };
        p.reject(new ThreadError(e.name, e.message));
      }
    });
  }

  /** Starts a thread and waits until it has revived the cores. */
  static start(objects: Record<string, SharedObject>): Promise<SyncThread> {
    const worker = new Worker(bootstrap(), { eval: true, workerData: { objects } });
    return new Promise((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (m: { ready: true; tag: number }) => {
        worker.off('error', reject);
        const thread = new SyncThread(worker, m.tag);
        running.push(thread);
        resolve(thread);
      });
    });
  }

  /** Sends a command: `started` once its wait is registered, `done` with its result. */
  send(command: CommandBody): { started: Promise<void>; done: Promise<unknown> } {
    const id = this.nextId++;
    let started!: () => void;
    const startedP = new Promise<void>((resolve) => (started = resolve));
    const done = new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { started, resolve, reject });
    });
    // A test that only awaits `started` must not see an unhandled rejection.
    done.catch(() => {});
    this.worker.postMessage({ ...command, id });
    return { started: startedP, done };
  }

  /** Ends the thread (as a crash would: its JS stops wherever it is). */
  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}
