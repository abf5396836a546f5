import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  CUT_OFF_BYTES,
  SAMPLE_DROP_BYTES,
  createSocketBridge,
} from '../../../src/main/browser-shell/socket-bridge';
import { parseServerMessage } from '../../../src/renderer/client/wire-router';
import type { WireServerMessage } from '../../../src/shared/contract';
import { encodeEvents } from '../../../src/shared/trace-chunk';
import { FakeHost } from './helpers';

/** Stands in for a ws socket whose send queue the test controls (a real one cannot be stalled on demand). */
class StalledSocket extends EventEmitter {
  readyState: number = WebSocket.OPEN;
  bufferedAmount = 0;
  terminated = false;
  readonly sent: WireServerMessage[] = [];

  /** Reads every frame as the page does (binary frames carry trace chunks). */
  send(frame: string | Buffer): void {
    const message = parseServerMessage(frame);
    if (message === null) throw new Error('the bridge sent a frame the page cannot read');
    this.sent.push(message);
  }

  terminate(): void {
    this.terminated = true;
    this.readyState = WebSocket.CLOSED;
    this.emit('close', 1006);
  }

  close(): void {
    this.terminate();
  }
}

function setup() {
  const host = new FakeHost();
  const lines: string[] = [];
  const bridge = createSocketBridge(host, (line) => lines.push(line));
  const fast = new StalledSocket();
  const slow = new StalledSocket();
  bridge.attach(fast as unknown as WebSocket);
  bridge.attach(slow as unknown as WebSocket);
  return { host, bridge, fast, slow, lines };
}

const sample = { t: 1, hz: 10, cores: [{ user: 1, system: 1 }], total: 2 };
const status = { sessionId: 's1', scenario: 'sum', state: 'finished' as const, startedUs: 1, endedUs: 2 };

describe('socket bridge back-pressure', () => {
  it('drops samples, but not session pushes or replies, for a socket with a full send queue', async () => {
    const { host, fast, slow } = setup();
    slow.bufferedAmount = SAMPLE_DROP_BYTES + 1;
    host.push('sampler:sample', sample);
    host.push('session:trace', { sessionId: 's1', chunk: encodeEvents([]), hostNowUs: 3 });
    host.push('session:status', status);
    expect(fast.sent.map((m) => m.kind === 'push' && m.channel)).toEqual([
      'sampler:sample',
      'session:trace',
      'session:status',
    ]);
    expect(slow.sent.map((m) => m.kind === 'push' && m.channel)).toEqual(['session:trace', 'session:status']);

    const replied = new Promise<void>((resolve) => {
      const send = slow.send.bind(slow);
      slow.send = (frame: string | Buffer) => {
        send(frame);
        resolve();
      };
    });
    slow.emit(
      'message',
      Buffer.from(JSON.stringify({ kind: 'invoke', id: 1, channel: 'echo', payload: 2 })),
      false,
    );
    await replied;
    expect(slow.sent.at(-1)).toEqual({ kind: 'reply', id: 1, result: { ok: true, value: { echoed: 2 } } });
  });

  it('resumes samples once the queue drains', () => {
    const { host, slow } = setup();
    slow.bufferedAmount = SAMPLE_DROP_BYTES + 1;
    host.push('sampler:sample', sample);
    slow.bufferedAmount = 0;
    host.push('sampler:sample', sample);
    expect(slow.sent).toHaveLength(1);
  });

  it('cuts off a socket that stopped reading altogether, keeping the others', () => {
    const { host, bridge, fast, slow, lines } = setup();
    slow.bufferedAmount = CUT_OFF_BYTES + 1;
    host.push('session:status', status);
    expect(slow.terminated).toBe(true);
    expect(bridge.size).toBe(1);
    expect(fast.sent).toHaveLength(1);
    expect(lines).toEqual([expect.stringContaining('stopped reading')]);
  });

  it('unsubscribes from the host when the last socket goes', () => {
    const { host, fast, slow } = setup();
    expect(host.listeners.size).toBe(1);
    fast.terminate();
    expect(host.listeners.size).toBe(1);
    slow.terminate();
    expect(host.listeners.size).toBe(0);
  });
});
