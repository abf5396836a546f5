import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newPrimitiveInfo, tagOf } from '../../../../src/workers/runtime/context/identity';
import { SemaphoreCore } from '../../../../src/workers/runtime/sync/semaphore-core';
import { SyncThread, shareObject } from './sync-threads';

const semaphore = (value: number): SemaphoreCore =>
  SemaphoreCore.create(newPrimitiveInfo('semaphore'), value);
const bounded = (value: number): SemaphoreCore =>
  SemaphoreCore.create(newPrimitiveInfo('bounded-semaphore'), value);

/** Resolves once `count()` reaches `target`, checked each time one of `promises` settles. */
function settledCount(promises: Promise<unknown>[], count: () => number, target: number): Promise<void> {
  if (count() >= target) return Promise.resolve();
  return new Promise((resolve) => {
    for (const p of promises) void p.then(() => count() >= target && resolve());
  });
}

describe('SemaphoreCore', () => {
  it('validates its initial value', () => {
    expect(() => semaphore(-1)).toThrow(RangeError);
    expect(() => semaphore(1.5)).toThrow(/"value"/);
    expect(() => SemaphoreCore.create(newPrimitiveInfo('semaphore'), '2' as unknown as number)).toThrow(
      TypeError,
    );
    expect(semaphore(0).getValue()).toBe(0);
  });

  it('hands out permits until none are left, then times out', async () => {
    const sem = semaphore(2);
    expect(sem.tryAcquire()).toBe(true);
    expect(await sem.acquire()).toBe('acquired');
    expect(sem.tryAcquire()).toBe(false);
    expect(await sem.acquire({ timeoutMs: 20 })).toBe('timeout');
    expect(await sem.acquire({ blocking: false })).toBe('timeout');
    sem.release(2);
    expect(sem.getValue()).toBe(2);
  });

  it('BoundedSemaphore refuses to go above its initial value, leaving the value unchanged', () => {
    const sem = bounded(2);
    expect(sem.bounded).toBe(true);
    expect(sem.bound).toBe(2);
    expect(() => sem.release()).toThrow(RangeError);
    expect(() => sem.release()).toThrow(/released too many times/);
    sem.tryAcquire();
    expect(() => sem.release(2)).toThrow(RangeError);
    expect(sem.getValue()).toBe(1);
    sem.release(1);
    expect(sem.getValue()).toBe(2);
  });

  it('an unbounded semaphore may go above its initial value; release(n) needs n >= 1', () => {
    const sem = semaphore(1);
    sem.release(3);
    expect(sem.getValue()).toBe(4);
    expect(() => sem.release(0)).toThrow(/"n"/);
    expect(() => sem.release(1.5)).toThrow(RangeError);
  });

  it('a thread blocked in acquire gets the permit another context releases', async () => {
    const sem = semaphore(0);
    const thread = await SyncThread.start({ sem: shareObject('semaphore', sem) });
    const acquire = thread.send({ cmd: 'acquire', obj: 'sem' });
    await acquire.started;
    sem.release();
    expect(await acquire.done).toBe('acquired');
    expect(sem.getValue()).toBe(0);
    expect(await thread.send({ cmd: 'acquire', obj: 'sem', timeoutMs: 20 }).done).toBe('timeout');
    await thread.send({ cmd: 'release', obj: 'sem' }).done;
    expect(sem.getValue()).toBe(1);
  });

  it('a cancelled acquire takes no permit', async () => {
    const sem = semaphore(0);
    const controller = new AbortController();
    const pending = sem.acquire({ signal: controller.signal });
    controller.abort();
    expect(await pending).toBe('cancelled');
    sem.release();
    expect(sem.getValue()).toBe(1);
  });

  it('serves acquire, release and getValue for remote callers', async () => {
    const sem = bounded(1);
    const caller = { address: '888001.0', pid: 888001, tid: 0, tag: tagOf('888001.0') };
    const signal = new AbortController().signal;
    expect(await sem.serve('acquire', [{ timeoutMs: 10 }], caller, signal)).toBe('acquired');
    expect(await sem.serve('acquire', [{ blocking: false }], caller, signal)).toBe('timeout');
    expect(sem.serve('getValue', [], caller, signal)).toBe(0);
    expect(sem.serve('release', [], caller, signal)).toBeNull();
    expect(() => sem.serve('release', [1], caller, signal)).toThrow(RangeError);
    expect(() => sem.serve('release', ['x'], caller, signal)).toThrow(TypeError);
    expect(() => sem.serve('nope', [], caller, signal)).toThrow(TypeError);
  });

  it('keeps its books like a counter: model-based over tryAcquire, release(n) and waits', async () => {
    type Op = { op: 'try' } | { op: 'release'; n: number } | { op: 'wait' } | { op: 'timeout' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.constant({ op: 'try' as const }),
      fc.record({ op: fc.constant('release' as const), n: fc.integer({ min: 1, max: 3 }) }),
      fc.constant({ op: 'wait' as const }),
      fc.constant({ op: 'timeout' as const }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        fc.array(op, { maxLength: 25 }),
        async (initial, isBounded, ops) => {
          const sem = isBounded ? bounded(initial) : semaphore(initial);
          let value = initial;
          const waits: Promise<unknown>[] = [];
          const stop = new AbortController();
          let resolved = 0;
          for (const step of ops) {
            if (step.op === 'try') {
              expect(sem.tryAcquire()).toBe(value > 0);
              if (value > 0) value--;
            } else if (step.op === 'timeout') {
              expect(await sem.acquire({ timeoutMs: 0 })).toBe(value > 0 ? 'acquired' : 'timeout');
              if (value > 0) value--;
            } else if (step.op === 'wait') {
              const p = sem.acquire({ signal: stop.signal });
              if (value > 0) {
                expect(await p).toBe('acquired');
                value--;
              } else {
                waits.push(p.then(() => resolved++));
              }
            } else {
              const pending = waits.length - resolved;
              if (isBounded && value + step.n > initial) {
                expect(() => sem.release(step.n)).toThrow(RangeError);
              } else {
                const before = resolved;
                sem.release(step.n);
                const woken = Math.min(step.n, pending);
                await settledCount(waits, () => resolved, before + woken);
                value += step.n - woken;
              }
            }
            expect(sem.getValue()).toBe(value);
          }
          // Waits still pending are cancelled: they leave without a permit.
          stop.abort();
          await Promise.all(waits);
          expect(sem.getValue()).toBe(value);
        },
      ),
      { numRuns: 60 },
    );
  });
});
