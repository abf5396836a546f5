import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { detectTransport, ipcTransport, type ParentPortLike } from '../../src/workers/transport';

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
    const transport = detectTransport(proc);
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
    const transport = detectTransport(proc);
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
});
