/**
 * The workload of `lock-process` and `lock-thread`, run as a pool task: `n` times acquire the
 * lock, increment the shared value, release (Python's `with lock: value.value += 1`). It
 * reports when its loop started and ended on the machine's monotonic clock (`hrtime`, the same
 * in every process and thread), so the probe can take the span of two concurrent loops.
 */
import type { Lock, Value } from '../../src/workers/runtime';

/** Loop start and end, µs on the monotonic clock; `sync`: whether `.value` was used directly. */
export interface LoopTimes {
  startUs: number;
  endUs: number;
  sync: boolean;
}

function nowUs(): number {
  return Number(process.hrtime.bigint()) / 1000;
}

/** Whether the value's memory is local (its sync `.value` works), as for threads of its owner. */
function hasLocalMemory(value: Value): boolean {
  try {
    return typeof value.value === 'number';
  } catch {
    return false;
  }
}

/**
 * Waits until `parties` loops have arrived at `gate` (a Value counting arrivals under `lock`),
 * so contended loops start together, as Python's peer does with a Barrier.
 */
async function meet(lock: Lock, gate: Value, parties: number): Promise<void> {
  await lock.acquire();
  await gate.set(Number(await gate.get()) + 1);
  await lock.release();
  while (Number(await gate.get()) < parties) {
    // Polling the gate: a remote get is a round trip; a local one a microtask.
  }
}

/** Runs the loop; `gate` and `parties` (optional) line the loops up first. */
export async function lockLoop(
  lock: Lock,
  value: Value,
  n: number,
  gate: Value | null,
  parties: number,
): Promise<LoopTimes> {
  if (gate !== null) await meet(lock, gate, parties);
  const sync = hasLocalMemory(value);
  const startUs = nowUs();
  if (sync) {
    for (let i = 0; i < n; i++) {
      await lock.acquire();
      value.value = Number(value.value) + 1;
      await lock.release();
    }
  } else {
    for (let i = 0; i < n; i++) {
      await lock.acquire();
      await value.set(Number(await value.get()) + 1);
      await lock.release();
    }
  }
  return { startUs, endUs: nowUs(), sync };
}
