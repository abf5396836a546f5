import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { newPrimitiveInfo } from '../../../../src/workers/runtime/context/identity';
import { EventCore } from '../../../../src/workers/runtime/sync/event-core';
import { deadlineOf, liveWaitCount, waitWord } from '../../../../src/workers/runtime/sync/wait';
import { bootstrap } from './sync-threads';

describe('deadlineOf', () => {
  it('turns wait options into a deadline and names a bad option', () => {
    expect(deadlineOf(undefined).at).toBe(Infinity);
    expect(deadlineOf({ timeoutMs: null }).at).toBe(Infinity);
    expect(deadlineOf({ timeoutMs: Infinity }).at).toBe(Infinity);
    expect(deadlineOf({ blocking: false, timeoutMs: 500 }).at).toBe(0);
    const before = performance.now();
    const at = deadlineOf({ timeoutMs: 100 }).at;
    expect(at).toBeGreaterThanOrEqual(before + 100);
    expect(() => deadlineOf({ timeoutMs: -1 })).toThrow(RangeError);
    expect(() => deadlineOf({ timeoutMs: Number.NaN })).toThrow(/"timeout"/);
    expect(() => deadlineOf({ timeoutMs: '1' as unknown as number })).toThrow(TypeError);
    expect(() => deadlineOf({ blocking: 'no' as unknown as boolean })).toThrow(/"blocking"/);
    expect(() => deadlineOf({ signal: {} as AbortSignal })).toThrow(/"signal"/);
    expect(() => deadlineOf(5 as never)).toThrow(/"options"/);
  });
});

describe('waitWord', () => {
  it('returns at once when the word already differs, the deadline passed, or the signal aborted', () => {
    const words = new Int32Array(new SharedArrayBuffer(4));
    expect(waitWord(words, 0, 1, deadlineOf(undefined))).toBe('not-equal');
    expect(waitWord(words, 0, 0, deadlineOf({ timeoutMs: 0 }))).toBe('timed-out');
    expect(waitWord(words, 0, 0, deadlineOf({ signal: AbortSignal.abort() }))).toBe('cancelled');
  });

  it('holds the event loop open only while a wait is live (cancelled waits let go)', async () => {
    const words = new Int32Array(new SharedArrayBuffer(4));
    const start = liveWaitCount();
    const controller = new AbortController();
    const woken = waitWord(words, 0, 0, deadlineOf(undefined));
    const cancelled = waitWord(words, 0, 0, deadlineOf({ signal: controller.signal }));
    expect(liveWaitCount()).toBe(start + 2);
    controller.abort();
    expect(await cancelled).toBe('cancelled');
    expect(liveWaitCount()).toBe(start + 1);
    Atomics.store(words, 0, 1);
    Atomics.notify(words, 0);
    expect(await woken).toBe('ok');
    expect(liveWaitCount()).toBe(start);
  });

  it('keeps a thread alive whose only work is a pending wait', async () => {
    const event = EventCore.create(newPrimitiveInfo('event'));
    const worker = new Worker(bootstrap('sync-keepalive.ts'), {
      eval: true,
      workerData: { sab: event.sab, info: event.info },
    });
    const said: unknown[] = [];
    const exited = once(worker, 'exit');
    worker.on('message', (m: unknown) => {
      said.push(m);
      if (typeof m === 'object') event.set();
    });
    await exited;
    // One ref'd timer holds the loop open exactly while the wait is pending.
    expect(said).toEqual([{ before: 0, during: 1 }, 'woken']);
  });
});
