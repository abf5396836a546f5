/**
 * A release's trace event must not come after the moment the lock became free: another thread
 * can take the lock at once and record its acquire, and a trace with that acquire before the
 * release would show two holders at once. The spy below stands for the releasing thread being
 * descheduled right after freeing the lock (it holds the thread a few µs, no sleep involved).
 */
import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localTag } from '../../../../src/workers/runtime/context/identity';
import { flushTrace } from '../../../../src/workers/runtime/context/trace-out';
import { Lock, RLock, Semaphore } from '../../../../src/workers/runtime/index';
import { nowUs } from '../../../../src/workers/runtime/trace';
import { recordTrace } from './cross-helpers';

let armed = false;
let freedAt = 0;

/** After the next shared-memory write while armed: note the time, then stall a little. */
function stallAfterFree(): void {
  if (!armed) return;
  armed = false;
  freedAt = nowUs();
  while (nowUs() < freedAt + 3) {
    // the releasing thread, preempted
  }
}

function spyOnFrees(): void {
  const { compareExchange, store } = Atomics;
  vi.spyOn(Atomics, 'compareExchange').mockImplementation(((...args: Parameters<typeof compareExchange>) => {
    const previous = compareExchange(...args);
    stallAfterFree();
    return previous;
  }) as typeof compareExchange);
  vi.spyOn(Atomics, 'store').mockImplementation(((...args: Parameters<typeof store>) => {
    const stored = store(...args);
    stallAfterFree();
    return stored;
  }) as typeof store);
}

afterEach(() => {
  vi.restoreAllMocks();
  armed = false;
});

describe('release events are stamped before the lock is free', () => {
  it.each([
    ['Lock', () => new Lock()],
    ['RLock', () => new RLock()],
    ['Semaphore', () => new Semaphore(1)],
  ] as const)('%s', async (_kind, make) => {
    const trace = recordTrace();
    const lock = make();
    await lock.acquire();
    spyOnFrees();
    armed = true;
    await lock.release();
    flushTrace();
    const [release] = trace.ofType('lock-release');
    expect(release).toBeDefined();
    expect(release!.ts).toBeLessThanOrEqual(freedAt);
  });

  it('a forced release for a dead holder', async () => {
    const trace = recordTrace();
    const lock = new Lock();
    await lock.acquire();
    spyOnFrees();
    armed = true;
    // As the router does when the holder (here: this thread's tag) is reported gone.
    expect(lock.localCore!.releaseIfHeldBy(localTag(threadId))).toBe(true);
    flushTrace();
    const [release] = trace.ofType('lock-release');
    expect(release).toMatchObject({ forced: true });
    expect(release!.ts).toBeLessThanOrEqual(freedAt);
  });
});
