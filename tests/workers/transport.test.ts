import { EventEmitter, once } from 'node:events';
import { isMainThread, MessageChannel } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import {
  detectTransport,
  ipcTransport,
  type ParentPortLike,
  type ThreadInfo,
} from '../../src/workers/transport';

const mainThread: ThreadInfo = { isMainThread: true, parentPort: null };

/** Stands in for Electron's utilityProcess `parentPort`, which wraps messages as `{ data }`. */
class FakeParentPort extends EventEmitter implements ParentPortLike {
  readonly posted: unknown[] = [];
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
}

/** Stands in for a forked child's `process`. */
class FakeIpcProcess extends EventEmitter {
  readonly sent: unknown[] = [];
  send = (message: unknown): boolean => {
    this.sent.push(message);
    return true;
  };
}

describe('transport', () => {
  it("uses Electron's parentPort when present, unwrapping message events", () => {
    const port = new FakeParentPort();
    const proc = Object.assign(new FakeIpcProcess(), { parentPort: port });
    const transport = detectTransport(proc, mainThread);
    expect(transport.kind).toBe('parent-port');
    const received = vi.fn();
    transport.onMessage(received);
    port.emit('message', { data: { type: 'shutdown' } });
    expect(received).toHaveBeenCalledWith({ type: 'shutdown' });
    transport.send({ type: 'ready', workerId: 0, pid: 1 });
    expect(port.posted).toEqual([{ type: 'ready', workerId: 0, pid: 1 }]);
    expect(proc.sent).toEqual([]);
  });

  it('uses Node IPC otherwise, and reports the parent going away', () => {
    const proc = new FakeIpcProcess();
    const transport = detectTransport(proc, mainThread);
    expect(transport.kind).toBe('node-ipc');
    const received = vi.fn();
    const gone = vi.fn();
    transport.onMessage(received);
    transport.onDisconnect(gone);
    proc.emit('message', { type: 'shutdown' });
    expect(received).toHaveBeenCalledWith({ type: 'shutdown' });
    transport.send({ type: 'ready', workerId: 0, pid: 1 });
    expect(proc.sent).toEqual([{ type: 'ready', workerId: 0, pid: 1 }]);
    proc.emit('disconnect');
    expect(gone).toHaveBeenCalledTimes(1);
  });

  it('refuses to start without any channel to a parent', () => {
    const proc = new EventEmitter();
    expect(() => ipcTransport(proc)).toThrow(/No IPC channel/);
  });

  it("uses the thread's parentPort inside a worker thread, even where the process has a channel", async () => {
    const { port1: inThread, port2: inParent } = new MessageChannel();
    const proc = Object.assign(new FakeIpcProcess(), { parentPort: new FakeParentPort() });
    const transport = detectTransport(proc, { isMainThread: false, parentPort: inThread });
    expect(transport.kind).toBe('worker-thread');
    const received: unknown[] = [];
    transport.onMessage((message) => received.push(message));
    const gone = new Promise<void>((resolve) => transport.onDisconnect(resolve));

    inParent.postMessage({ type: 'shutdown' });
    transport.send({ type: 'ready', workerId: 0, pid: 1 });
    const [reply] = (await once(inParent, 'message')) as [unknown];
    expect(reply).toEqual({ type: 'ready', workerId: 0, pid: 1 });
    expect(received).toEqual([{ type: 'shutdown' }]);
    expect(proc.sent).toEqual([]);
    expect(proc.parentPort.posted).toEqual([]);

    // The parent's end going away is the thread's disconnect.
    inParent.close();
    await gone;
  });

  // vitest runs this file in a forked process ('forks' pool): a main thread with an IPC channel.
  it.runIf(isMainThread && process.send !== undefined)(
    'with the real defaults on the main thread of a forked process, picks Node IPC',
    () => {
      expect(detectTransport().kind).toBe('node-ipc');
    },
  );
});
