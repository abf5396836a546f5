import { afterEach, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../src/shared/trace-schema';
import { newPrimitiveInfo, tagOf } from '../../../../src/workers/runtime/context/identity';
import { flushTrace } from '../../../../src/workers/runtime/context/trace-out';
import { EventCore } from '../../../../src/workers/runtime/sync/event-core';
import { setTraceSink } from '../../../../src/workers/runtime/trace';
import { SyncThread, shareObject } from './sync-threads';

const newEvent = (): EventCore => EventCore.create(newPrimitiveInfo('event'));

afterEach(() => setTraceSink(null));

describe('EventCore', () => {
  it('is a flag: set, clear, isSet; wait returns at once when set', async () => {
    const event = newEvent();
    expect(event.isSet()).toBe(false);
    event.set();
    event.set();
    expect(event.isSet()).toBe(true);
    expect(await event.wait()).toBe(true);
    event.clear();
    expect(event.isSet()).toBe(false);
    expect(await event.wait({ timeoutMs: 0 })).toBe(false);
    expect(await event.wait({ timeoutMs: 20 })).toBe(false);
  });

  it('wakes every thread waiting on it', async () => {
    const event = newEvent();
    const objects = { ev: shareObject('event', event) };
    const threads = await Promise.all([1, 2, 3].map(() => SyncThread.start(objects)));
    const waits = threads.map((t) => t.send({ cmd: 'event-wait', obj: 'ev' }));
    await Promise.all(waits.map((w) => w.started));
    event.set();
    expect(await Promise.all(waits.map((w) => w.done))).toEqual([true, true, true]);
  });

  it('a waiter asleep when the event was set returns true even if it was cleared at once (as Python)', async () => {
    const event = newEvent();
    const thread = await SyncThread.start({ ev: shareObject('event', event) });
    const wait = thread.send({ cmd: 'event-wait', obj: 'ev' });
    await wait.started;
    event.set();
    event.clear();
    expect(await wait.done).toBe(true);
  });

  it('a wait in a thread times out with false', async () => {
    const event = newEvent();
    const thread = await SyncThread.start({ ev: shareObject('event', event) });
    expect(await thread.send({ cmd: 'event-wait', obj: 'ev', timeoutMs: 25 }).done).toBe(false);
  });

  it('a cancelled wait resolves false', async () => {
    const event = newEvent();
    const controller = new AbortController();
    const wait = event.wait({ signal: controller.signal });
    controller.abort();
    expect(await wait).toBe(false);
  });

  it('serves set, clear, isSet and wait', async () => {
    const event = newEvent();
    const caller = { address: '888002.1', pid: 888002, tid: 1, tag: tagOf('888002.1') };
    const signal = new AbortController().signal;
    const waiting = event.serve('wait', [{ timeoutMs: 10_000 }], caller, signal) as Promise<boolean>;
    expect(event.serve('set', [], caller, signal)).toBeNull();
    expect(await waiting).toBe(true);
    expect(event.serve('isSet', [], caller, signal)).toBe(true);
    expect(event.serve('clear', [], caller, signal)).toBeNull();
    expect(await event.serve('wait', [{ timeoutMs: 0 }], caller, signal)).toBe(false);
    expect(() => event.serve('pulse', [], caller, signal)).toThrow(TypeError);
  });

  it('traces set, clear and the start and end of waits', async () => {
    const events: TraceEvent[] = [];
    setTraceSink((batch) => events.push(...batch));
    const event = newEvent();
    const actor = { pid: 1, tid: 2 };
    event.set(actor);
    await event.wait(undefined, actor);
    event.clear(actor);
    await event.wait({ timeoutMs: 0 }, actor);
    flushTrace();
    const mine = events.filter((e) => e.type === 'event-signal' && e.objectId === event.info.objectId);
    expect(mine.map((e) => (e.type === 'event-signal' ? [e.action, e.ok] : []))).toEqual([
      ['set', undefined],
      ['wait-start', undefined],
      ['wait-end', true],
      ['clear', undefined],
      ['wait-start', undefined],
      ['wait-end', false],
    ]);
    expect(mine[0]).toMatchObject({ pid: 1, tid: 2, kind: 'event' });
  });
});
