import { EventEmitter } from 'node:events';
import type { IpcRendererEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createBridge, type BridgeIpc } from '../../src/preload/bridge';
import {
  INVOKE_CHANNELS,
  PUSH_CHANNELS,
  type InvokeChannel,
  type PushChannel,
} from '../../src/shared/contract';
import type { CoreSample } from '../../src/shared/samples';
import { decodeChunk, encodeEvents } from '../../src/shared/trace-chunk';
import type { TraceEvent } from '../../src/shared/trace-schema';

/** ipcRenderer's invoke/on/removeListener over a plain emitter; `deliver` plays main's send. */
class FakeIpcRenderer extends EventEmitter implements BridgeIpc {
  readonly invoke = vi.fn(async (channel: string, payload: unknown): Promise<unknown> => ({
    ok: true,
    value: { channel, payload },
  }));
  deliver(channel: string, payload: unknown): void {
    const event = { sender: this, senderId: 0, ports: [] } as unknown as IpcRendererEvent;
    this.emit(channel, event, payload);
  }
}

const SAMPLE: CoreSample = { t: 1, hz: 10, cores: [{ user: 1, system: 2 }], total: 3 };

function setup(): { ipc: FakeIpcRenderer; bridge: ReturnType<typeof createBridge> } {
  const ipc = new FakeIpcRenderer();
  return { ipc, bridge: createBridge(ipc) };
}

describe('bridge.invoke', () => {
  it.each(INVOKE_CHANNELS)('forwards %s with its request and resolves to main’s Result', async (channel) => {
    const { ipc, bridge } = setup();
    const result = await bridge.invoke(channel, null as never);
    expect(ipc.invoke).toHaveBeenCalledWith(channel, null);
    expect(result).toEqual({ ok: true, value: { channel, payload: null } });
  });

  it.each(['nope', 'sampler:sample', '__proto__', 'constructor', 42, null, undefined])(
    'refuses the channel %j with an error Result, without calling ipcRenderer',
    async (channel) => {
      const { ipc, bridge } = setup();
      const result = await bridge.invoke(channel as InvokeChannel, null as never);
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'unknown-channel',
          name: 'TypeError',
          message: expect.stringContaining('unknown channel'),
        },
      });
      expect(ipc.invoke).not.toHaveBeenCalled();
    },
  );

  it('turns a failed IPC call into an error Result instead of rejecting', async () => {
    const { ipc, bridge } = setup();
    ipc.invoke.mockRejectedValueOnce(new Error("No handler registered for 'host:info'"));
    await expect(bridge.invoke('host:info', null)).resolves.toEqual({
      ok: false,
      error: { code: 'internal', name: 'Error', message: expect.stringContaining('No handler registered') },
    });
  });
});

describe('bridge.on', () => {
  it.each(PUSH_CHANNELS)('hands %s listeners the payload alone, never the IPC event', (channel) => {
    const { ipc, bridge } = setup();
    const listener = vi.fn();
    bridge.on(channel, listener);
    ipc.deliver(channel, SAMPLE);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([SAMPLE]);
  });

  it('hands a session:trace listener the chunk as main sent it (structured clone), decodable by the page', () => {
    const { ipc, bridge } = setup();
    const events: TraceEvent[] = [
      { type: 'task-submit', ts: 1, taskId: '1:0', name: 'sq', args: '(2)' },
      { type: 'task-end', ts: 2, taskId: '1:0', workerId: 0, pid: 3, ok: true },
    ];
    const listener = vi.fn();
    bridge.on('session:trace', listener);
    ipc.deliver(
      'session:trace',
      structuredClone({ sessionId: 's1', chunk: encodeEvents(events), hostNowUs: 4 }),
    );
    const [batch] = listener.mock.calls[0] as [
      { sessionId: string; chunk: Parameters<typeof decodeChunk>[0] },
    ];
    expect(batch.sessionId).toBe('s1');
    expect(decodeChunk(batch.chunk)).toEqual(events);
  });

  it('stops calling the listener after unsubscribe, and unsubscribing twice is harmless', () => {
    const { ipc, bridge } = setup();
    const stays = vi.fn();
    const leaves = vi.fn();
    bridge.on('sampler:sample', stays);
    const off = bridge.on('sampler:sample', leaves);
    off();
    off();
    ipc.deliver('sampler:sample', SAMPLE);
    expect(leaves).not.toHaveBeenCalled();
    expect(stays).toHaveBeenCalledTimes(1);
    expect(ipc.listenerCount('sampler:sample')).toBe(1);
  });

  it.each(['host:info', 'nope', '', 7])(
    'throws a TypeError naming the channel for %j and listens to nothing',
    (channel) => {
      const { ipc, bridge } = setup();
      expect(() => bridge.on(channel as PushChannel, vi.fn())).toThrow(TypeError);
      expect(() => bridge.on(channel as PushChannel, vi.fn())).toThrow(/channel/);
      expect(ipc.eventNames()).toEqual([]);
    },
  );

  it('throws a TypeError naming the listener when it is not a function', () => {
    const { ipc, bridge } = setup();
    expect(() => bridge.on('session:trace', 'not a function' as never)).toThrow(
      /listener must be a function/,
    );
    expect(ipc.eventNames()).toEqual([]);
  });
});

describe('the bridge object', () => {
  it('has exactly invoke and on, and cannot be changed by the page', () => {
    const { bridge } = setup();
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });
});
