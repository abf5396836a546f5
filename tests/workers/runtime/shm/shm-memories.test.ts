/**
 * Lock and Value across processes in each memory a session may have: a segment addressed
 * directly (Node), a segment through the addon's calls (what Electron's memory cage allows), and
 * no segment at all (no addon: the owner serves every operation over IPC). The children take
 * their memory mode from PARASCOPE_SHM, as a packaged app's would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Condition,
  Event,
  Lock,
  LockAbandonedError,
  Value,
  task,
} from '../../../../src/workers/runtime/index';
import { setShmForNewPrimitives, setShmMapping } from '../../../../src/workers/runtime/shm/arena';
import { flushTrace } from '../../../../src/workers/runtime/context/trace-out';
import { fixture, trackedPool } from '../helpers';
import { recordTrace } from '../primitives/cross-helpers';

const addSteps = task(fixture('shm-tasks.ts'), 'addSteps');
const takeAndKeep = task(fixture('shm-tasks.ts'), 'takeAndKeep');
const exitNow = task(fixture('shm-tasks.ts'), 'exitNow');
const consumeWithLock = task(fixture('shm-tasks.ts'), 'consumeWithLock');
const addYielding = task(fixture('shm-tasks.ts'), 'addYielding');

const MODES = [
  { mode: 'mapped', env: undefined, segments: true, mapping: true },
  { mode: 'calls', env: 'calls', segments: true, mapping: false },
  { mode: 'owner', env: 'off', segments: false, mapping: false },
] as const;

describe.each(MODES)('Lock and Value across processes ($mode memory)', ({ env, segments, mapping }) => {
  const before = process.env.PARASCOPE_SHM;
  beforeAll(() => {
    if (env === undefined) delete process.env.PARASCOPE_SHM;
    else process.env.PARASCOPE_SHM = env;
    setShmForNewPrimitives(segments);
    setShmMapping(mapping);
  });
  afterAll(() => {
    if (before === undefined) delete process.env.PARASCOPE_SHM;
    else process.env.PARASCOPE_SHM = before;
    setShmForNewPrimitives(true);
    setShmMapping(true);
  });

  it('two worker processes add 300 each under the lock: exact total, memory reached as the mode says', async () => {
    const pool = trackedPool({ processes: 2, backend: 'process' });
    const counter = new Value('i', 0, { lock: false });
    const lock = new Lock();
    const runs = [0, 1].map(() => pool.applyAsync<boolean>(addSteps, [counter, lock, 300]));
    const direct = await Promise.all(runs.map((run) => run.get()));
    expect(counter.value).toBe(600);
    // `.value` works in another process exactly when the segment is mapped there.
    expect(direct).toEqual([segments, segments]);
    expect(await lock.locked()).toBe(false);
  });

  it('two threads in a tight acquire-increment-release loop: every release that has a sleeper wakes it', async () => {
    // The holder releases and takes the lock back at once, again and again: a sleeper that looked
    // at the lock between two of those must still be woken (it would sleep for ever otherwise).
    const threads = trackedPool({ processes: 2, backend: 'thread' });
    const counter = new Value('i', 0, { lock: false });
    const lock = new Lock();
    const runs = [0, 1].map(() => threads.applyAsync(addSteps, [counter, lock, 20_000]));
    await Promise.all(runs.map((run) => run.get()));
    expect(counter.value).toBe(40_000);
  });

  it('two processes, two threads and this context hold the lock across a turn of the loop: no update lost', async () => {
    const processes = trackedPool({ processes: 2, backend: 'process' });
    const threads = trackedPool({ processes: 2, backend: 'thread' });
    const counter = new Value('i', 0, { lock: false });
    const lock = new Lock();
    const args = [counter, lock, 60];
    const runs = [
      ...[0, 1].map(() => processes.applyAsync(addYielding, args)),
      ...[0, 1].map(() => threads.applyAsync(addYielding, args)),
    ];
    for (let i = 0; i < 60; i++) {
      await lock.acquire();
      counter.value = Number(counter.value) + 1;
      await lock.release();
    }
    await Promise.all(runs.map((run) => run.get()));
    expect(counter.value).toBe(5 * 60);
  });

  it('a worker process that dies holding the lock: the next acquirer is told, holds it, and the trace says so', async () => {
    const pool = trackedPool({ processes: 1, backend: 'process' });
    const lock = new Lock({ name: 'ledger' });
    await pool.apply(takeAndKeep, [lock]);
    expect(await lock.acquire({ blocking: false })).toBe(false);
    const trace = recordTrace();
    await expect(pool.apply(exitNow, [])).rejects.toThrow();
    await expect(lock.acquire()).rejects.toBeInstanceOf(LockAbandonedError);
    expect(await lock.locked()).toBe(true);
    flushTrace();
    // The dead holder's hold ends with a forced release (recorded by whoever found it dead:
    // the owner's runtime, or in a segment this acquirer), before the abandoned acquire.
    const forced = trace.ofType('lock-release').find((e) => e.objectId === lock.objectId && e.forced);
    const taken = trace.ofType('lock-acquire').find((e) => e.objectId === lock.objectId);
    expect(forced).toBeDefined();
    expect(taken).toMatchObject({ outcome: 'abandoned' });
    expect(forced!.ts).toBeLessThanOrEqual(taken!.ts);
    await lock.release();
    expect(await lock.acquire({ blocking: false })).toBe(true);
    await lock.release();
  });

  it('a Condition over a given Lock: a worker holds the lock itself around wait(); notify wakes it', async () => {
    const pool = trackedPool({ processes: 1, backend: 'process' });
    const lock = new Lock({ name: 'shelf' });
    const cond = new Condition(lock);
    const stock = new Value('i', 0, { lock: false });
    const ready = new Event();
    const consumed = pool.apply<boolean>(consumeWithLock, [lock, cond, stock, ready]);
    await ready.wait();
    // The worker set `ready` holding the lock: this acquire succeeds once its wait() let go.
    await lock.acquire();
    stock.value = 1;
    await cond.notify();
    await lock.release();
    expect(await consumed).toBe(true);
    expect(stock.value).toBe(0);
    expect(await lock.locked()).toBe(false);
  });
});
