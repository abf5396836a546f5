import fc from 'fast-check';
import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { localTag, newPrimitiveInfo, tagOf } from '../../../../src/workers/runtime/context/identity';
import { BarrierCore } from '../../../../src/workers/runtime/sync/barrier-core';
import { BrokenBarrierError } from '../../../../src/workers/runtime/sync/sync-errors';
import { SyncThread, shareObject } from './sync-threads';

const me = localTag(threadId);
const newBarrier = (parties: number): BarrierCore => BarrierCore.create(newPrimitiveInfo('barrier'), parties);
const broken = { name: 'BrokenBarrierError' };

describe('BarrierCore', () => {
  it('validates parties', () => {
    expect(() => newBarrier(0)).toThrow(/"parties"/);
    expect(() => newBarrier(1.5)).toThrow(RangeError);
    expect(() => newBarrier(70_000)).toThrow(RangeError);
    expect(() => BarrierCore.create(newPrimitiveInfo('barrier'), '3' as unknown as number)).toThrow(
      TypeError,
    );
    expect(newBarrier(3).parties).toBe(3);
  });

  it('lets 3 threads pass together for 3 generations, each with a distinct arrival index', async () => {
    const barrier = newBarrier(3);
    const objects = { b: shareObject('barrier', barrier) };
    const threads = await Promise.all([1, 2, 3].map(() => SyncThread.start(objects)));
    const results = (await Promise.all(
      threads.map((t) => t.send({ cmd: 'barrier-wait', obj: 'b', rounds: 3 }).done),
    )) as number[][];
    for (let round = 0; round < 3; round++) {
      expect(results.map((r) => r[round]).sort()).toEqual([0, 1, 2]);
    }
    expect(barrier.generation()).toBe(3);
    expect(barrier.nWaiting()).toBe(0);
    expect(barrier.broken()).toBe(false);
  });

  it('abort breaks it for current and later waiters until reset', async () => {
    const barrier = newBarrier(3);
    const objects = { b: shareObject('barrier', barrier) };
    const threads = await Promise.all([1, 2].map(() => SyncThread.start(objects)));
    const waits = threads.map((t) => t.send({ cmd: 'barrier-wait', obj: 'b' }));
    await Promise.all(waits.map((w) => w.started));
    expect(barrier.nWaiting()).toBe(2);
    barrier.abort();
    for (const w of waits) await expect(w.done).rejects.toMatchObject(broken);
    expect(barrier.broken()).toBe(true);
    await expect(barrier.wait(me)).rejects.toBeInstanceOf(BrokenBarrierError);
    barrier.reset();
    expect(barrier.broken()).toBe(false);
    const again = threads.map((t) => t.send({ cmd: 'barrier-wait', obj: 'b' }).done);
    const mine = await barrier.wait(me);
    expect([mine, ...((await Promise.all(again)) as number[][]).flat()].sort()).toEqual([0, 1, 2]);
  });

  it('a timeout in one waiter breaks the barrier for all (as Python)', async () => {
    const barrier = newBarrier(3);
    const objects = { b: shareObject('barrier', barrier) };
    const [patient, hasty] = await Promise.all([1, 2].map(() => SyncThread.start(objects)));
    const p = patient!.send({ cmd: 'barrier-wait', obj: 'b' });
    await p.started;
    const h = hasty!.send({ cmd: 'barrier-wait', obj: 'b', timeoutMs: 30 });
    await expect(h.done).rejects.toThrow(/timed out/);
    await expect(p.done).rejects.toMatchObject(broken);
    expect(barrier.broken()).toBe(true);
  });

  it('reset fails the parties waiting now and leaves the barrier usable', async () => {
    const barrier = newBarrier(2);
    const thread = await SyncThread.start({ b: shareObject('barrier', barrier) });
    const first = thread.send({ cmd: 'barrier-wait', obj: 'b' });
    await first.started;
    barrier.reset();
    await expect(first.done).rejects.toThrow(/reset/);
    expect(barrier.broken()).toBe(false);
    const second = thread.send({ cmd: 'barrier-wait', obj: 'b' });
    expect(await barrier.wait(me)).toBeGreaterThanOrEqual(0);
    expect(((await second.done) as number[])[0]).toBeGreaterThanOrEqual(0);
  });

  it('the last arriver owes pass(): the others are released only then (where the action runs)', async () => {
    const barrier = newBarrier(2);
    const thread = await SyncThread.start({ b: shareObject('barrier', barrier) });
    const other = thread.send({ cmd: 'barrier-wait', obj: 'b' });
    await other.started;
    expect(await barrier.arrive(me)).toBe(1);
    // The generation has not passed: the other party is still held.
    expect(barrier.generation()).toBe(0);
    barrier.pass();
    expect(barrier.generation()).toBe(1);
    expect(await other.done).toEqual([0]);
  });

  it('an action that fails aborts the barrier: every party sees it broken', async () => {
    const barrier = newBarrier(2);
    const thread = await SyncThread.start({ b: shareObject('barrier', barrier) });
    const other = thread.send({ cmd: 'barrier-wait', obj: 'b' });
    await other.started;
    expect(await barrier.arrive(me)).toBe(1);
    barrier.abort();
    expect(() => barrier.pass()).toThrow(BrokenBarrierError);
    await expect(other.done).rejects.toMatchObject(broken);
  });

  it('a party that died waiting breaks the barrier (callerGone)', async () => {
    const barrier = newBarrier(3);
    const objects = { b: shareObject('barrier', barrier) };
    const [dying, living] = await Promise.all([1, 2].map(() => SyncThread.start(objects)));
    await dying!.send({ cmd: 'barrier-wait', obj: 'b' }).started;
    const alive = living!.send({ cmd: 'barrier-wait', obj: 'b' });
    await alive.started;
    await dying!.terminate();
    barrier.callerGone({ address: '1.1', pid: 1, tid: 1, tag: me + 12345 }); // not a party: no effect
    expect(barrier.broken()).toBe(false);
    barrier.callerGone({
      address: `${process.pid}.${dying!.tag - 1}`,
      pid: process.pid,
      tid: dying!.tag - 1,
      tag: dying!.tag,
    });
    expect(barrier.broken()).toBe(true);
    await expect(alive.done).rejects.toMatchObject(broken);
  });

  it('serves wait, state, abort and reset for remote callers', async () => {
    const barrier = newBarrier(2);
    const a = { address: '888005.0', pid: 888005, tid: 0, tag: tagOf('888005.0') };
    const b = { address: '888006.0', pid: 888006, tid: 0, tag: tagOf('888006.0') };
    const signal = new AbortController().signal;
    const first = barrier.serve('wait', [{ timeoutMs: 10_000 }], a, signal) as Promise<number>;
    expect(barrier.serve('state', [], b, signal)).toEqual({ parties: 2, nWaiting: 1, broken: false });
    expect(await barrier.serve('wait', [], b, signal)).toBe(1);
    expect(await first).toBe(0);
    const controller = new AbortController();
    const cancelled = barrier.serve('wait', [], a, controller.signal) as Promise<number>;
    controller.abort();
    await expect(cancelled).rejects.toThrow(/cancelled/);
    expect(barrier.serve('state', [], b, signal)).toMatchObject({ broken: true });
    barrier.serve('reset', [], b, signal);
    barrier.serve('abort', [], b, signal);
    expect(barrier.broken()).toBe(true);
    expect(() => barrier.serve('pass', [], b, signal)).toThrow(BrokenBarrierError);
    expect(() => barrier.serve('jump', [], b, signal)).toThrow(TypeError);
  });

  it('keeps generation, index and broken bookkeeping: model-based over wait, abort and reset', async () => {
    type Op = 'wait' | 'abort' | 'reset';
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.constantFrom<Op>('wait', 'wait', 'wait', 'abort', 'reset'), { maxLength: 30 }),
        async (parties, ops) => {
          const barrier = newBarrier(parties);
          let gen = 0;
          let count = 0;
          let isBroken = false;
          let pending: { p: Promise<number>; index: number }[] = [];
          const failAll = async (): Promise<void> => {
            for (const w of pending) await expect(w.p).rejects.toBeInstanceOf(BrokenBarrierError);
            pending = [];
          };
          let tag = me + 1000;
          for (const op of ops) {
            if (op === 'wait') {
              const p = barrier.wait(tag++);
              if (isBroken) {
                await expect(p).rejects.toBeInstanceOf(BrokenBarrierError);
              } else if (count + 1 === parties) {
                expect(await p).toBe(parties - 1);
                for (const w of pending) expect(await w.p).toBe(w.index);
                pending = [];
                gen++;
                count = 0;
              } else {
                pending.push({ p, index: count++ });
              }
            } else if (op === 'abort') {
              barrier.abort();
              if (!isBroken) await failAll();
              isBroken = true;
            } else {
              barrier.reset();
              if (isBroken || count > 0) {
                await failAll();
                gen++;
              }
              isBroken = false;
              count = 0;
            }
            expect(barrier.broken()).toBe(isBroken);
            expect(barrier.nWaiting()).toBe(isBroken ? 0 : count);
            expect(barrier.generation()).toBe(gen % 8192);
          }
          barrier.abort();
          await failAll();
        },
      ),
      { numRuns: 80 },
    );
  });
});
