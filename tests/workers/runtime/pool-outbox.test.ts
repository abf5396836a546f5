import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { encodeEvents } from '../../../src/shared/trace-chunk';
import type { FromWorker } from '../../../src/shared/worker-protocol';
import type { Transport } from '../../../src/workers/transport';
import { WorkerOutbox } from '../../../src/workers/runtime/pool-outbox';

function transport(): Transport & { sent: unknown[] } {
  const sent: unknown[] = [];
  return {
    kind: 'node-ipc',
    sent,
    send: (message) => sent.push(structuredClone(message)),
    onMessage: () => {},
    onDisconnect: () => {},
  };
}

const trace = (ts: number): FromWorker => ({
  type: 'trace',
  chunk: encodeEvents([{ type: 'task-start', ts, taskId: '0:0', workerId: 0, pid: 1 }]),
});

describe('WorkerOutbox', () => {
  it('sends what was posted in one turn as one batch, in order, after the turn', async () => {
    const t = transport();
    const outbox = new WorkerOutbox(t, (done) => done);
    outbox.post(trace(1));
    outbox.post({ type: 'chunk-done', chunkId: 1, values: [1], failures: [] });
    expect(t.sent).toEqual([]);
    await nextTurn();
    expect(t.sent).toEqual([
      { type: 'batch', messages: [trace(1), { type: 'chunk-done', chunkId: 1, values: [1], failures: [] }] },
    ]);
    outbox.post({ type: 'chunk-skipped', chunkId: 2 });
    await nextTurn();
    expect(t.sent.at(-1)).toEqual({ type: 'chunk-skipped', chunkId: 2 });
  });

  it('sends at once with send() or flush(), everything queued first', () => {
    const t = transport();
    const outbox = new WorkerOutbox(t, (done) => done);
    outbox.post({ type: 'chunk-skipped', chunkId: 1 });
    outbox.send(trace(2));
    expect(t.sent).toEqual([{ type: 'batch', messages: [{ type: 'chunk-skipped', chunkId: 1 }, trace(2)] }]);
    outbox.flush();
    expect(t.sent).toHaveLength(1);
  });

  it('repairs a result that cannot be cloned without losing the other messages', () => {
    const t = transport();
    const outbox = new WorkerOutbox(t, (done) => ({ ...done, values: ['repaired'] }));
    outbox.post({ type: 'chunk-skipped', chunkId: 1 });
    outbox.post({ type: 'chunk-done', chunkId: 2, values: [() => 1], failures: [] });
    outbox.flush();
    expect(t.sent).toEqual([
      { type: 'chunk-skipped', chunkId: 1 },
      { type: 'chunk-done', chunkId: 2, values: ['repaired'], failures: [] },
    ]);
  });
});
