/**
 * The trace of a lock contended by two children: each event names the child that acted, and
 * the waiter's acquire comes after the holder's release.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../src/shared/trace-schema';
import { Event, Lock } from '../../../../src/workers/runtime/index';
import type { Process } from '../../../../src/workers/runtime/process';
import { BACKENDS, joinAll, recordTrace, spawn, syncTarget } from './cross-helpers';

type LockEvent = Extract<TraceEvent, { type: 'lock-request' | 'lock-acquire' | 'lock-release' }>;

describe.each(BACKENDS)('lock trace across children (%s backend)', (backend) => {
  it('acquire and release carry the acting child as actor; a waiting acquire follows its request', async () => {
    const trace = recordTrace();
    const lock = new Lock({ name: 'contended' });
    const [held, release] = [new Event(), new Event()];
    const isMine = (e: TraceEvent): e is LockEvent =>
      (e.type === 'lock-request' || e.type === 'lock-acquire' || e.type === 'lock-release') &&
      e.objectId === lock.objectId;
    const holder = await spawn(backend, syncTarget('holdUntil'), [lock, held, release]);
    await held.wait();
    const waiter = await spawn(backend, syncTarget('acquireOnce'), [lock]);
    await trace.waitFor(
      (e) => isMine(e) && e.type === 'lock-request' && e.pid === waiter.pid && e.tid === waiter.threadId,
    );
    await release.set();
    await joinAll(holder, waiter);

    const events = trace.events.filter(isMine).sort((a, b) => a.ts - b.ts);
    const by = (child: Process): LockEvent[] =>
      events.filter((e) => e.pid === child.pid && e.tid === child.threadId);
    expect(by(holder).length + by(waiter).length).toBe(events.length);
    // The holder found it free: no request, no wait. The waiter found it held.
    expect(by(holder).map((e) => e.type)).toEqual(['lock-acquire', 'lock-release']);
    expect(by(holder)[0]).toMatchObject({ outcome: 'acquired', waited: false, name: 'contended' });
    expect(by(waiter).map((e) => e.type)).toEqual(['lock-request', 'lock-acquire', 'lock-release']);
    expect(by(waiter)[1]).toMatchObject({
      outcome: 'acquired',
      waited: true,
      name: 'contended',
      kind: 'lock',
    });
    if (backend === 'process') expect(new Set(events.map((e) => e.pid)).has(process.pid)).toBe(false);
    const [, holderRelease] = by(holder);
    const [waiterRequest, waiterAcquire] = by(waiter);
    // The waiter asked while the holder held it, and got it only after the release.
    expect(waiterRequest!.ts).toBeLessThanOrEqual(holderRelease!.ts);
    expect(waiterAcquire!.ts).toBeGreaterThanOrEqual(holderRelease!.ts);
  });
});
