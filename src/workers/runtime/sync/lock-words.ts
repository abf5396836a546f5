/**
 * The words of a Lock/RLock and the protocol on them, for lock-core.ts (which adds tags,
 * tracing and the public operations). Any memory (sync/words.ts).
 *
 * Words: [holder, recursion count, waiters, flags, wake sequence]. `holder` is the holder's tag
 * (identity.ts: `threadId + 1` for a thread of this process, >= 2^20 for a remote context; in a
 * segment, the holder's OS thread id: shm/shm-words.ts), 0 when free, or -1 when free because
 * the runtime released it for a dead holder ("abandoned"). Keeping the abandoned mark in the
 * holder word makes the forced release and the mark one atomic step, and the next acquirer's
 * CAS both takes the lock and learns it was abandoned. `waiters` counts sleeping acquirers, so
 * an uncontended release skips the wake-up. `flags` bit 0: reentrant; bit 1: a wake-up is on
 * its way to a sleeper that has not looked at the lock yet, so further releases need not send
 * another (in a segment a wake-up is a syscall). Sleepers sleep on the wake sequence, which
 * every release with sleepers bumps, so no release between a sleeper's look at the lock and its
 * sleep goes unseen (the holder word alone could show the same holder again: it did, and two
 * threads slept for ever).
 */
import { releaseStamp } from './sync-trace';
import type { Deadline } from './wait';
import type { Words } from './words';

export const HOLDER = 0;
export const COUNT = 1;
const WAITERS = 2;
export const FLAGS = 3;
const SEQ = 4;
/** Words per lock. */
export const WORDS = 5;

export const FREE = 0;
export const ABANDONED = -1;
/** FLAGS bit: RLock semantics. */
export const REENTRANT = 1;
/** FLAGS bit: a waiter was woken and has not looked at the lock yet (no need to wake another). */
const WAKE_PENDING = 2;
/** How often a sleeping waiter asks whether the holder still lives (a syscall in a segment). */
const ALIVE_CHECK_MS = 100;

/** How a non-blocking attempt ended. */
export type TryOutcome = 'acquired' | 'abandoned' | 'busy';

/** How a blocking acquire ended. `abandoned`: acquired, but the previous holder died holding it. */
export type AcquireOutcome = 'acquired' | 'abandoned' | 'timeout' | 'cancelled';

/** Told when this context released the lock of a holder it found dead, with the release's stamp. */
export type OnReap = (at: number) => void;

/** One attempt for holder value `t`, untraced: the synchronous fast path (one CAS when free). */
export function attempt(w: Words, t: number, reentrant: boolean): TryOutcome {
  for (;;) {
    const prev = w.cas(HOLDER, FREE, t);
    if (prev === FREE) {
      w.store(COUNT, 1);
      return 'acquired';
    }
    if (prev === ABANDONED) {
      if (w.cas(HOLDER, ABANDONED, t) !== ABANDONED) continue;
      w.store(COUNT, 1);
      return 'abandoned';
    }
    if (prev === t && reentrant) {
      w.store(COUNT, w.load(COUNT) + 1);
      return 'acquired';
    }
    return 'busy';
  }
}

/**
 * One attempt that, finding the lock busy, also asks whether its holder died (segment memory:
 * a syscall, so only where the caller would otherwise give up or sleep); a dead holder's lock
 * is marked abandoned (`onReap`: this context did it) and taken.
 */
export function attemptReaping(w: Words, t: number, reentrant: boolean, onReap: OnReap): TryOutcome {
  const outcome = attempt(w, t, reentrant);
  if (outcome !== 'busy') return outcome;
  const holder = w.load(HOLDER);
  if (holder <= 0 || w.holderAlive(holder)) return outcome;
  // Stamped before the lock is free: the next acquire's event must not come before it.
  const at = releaseStamp();
  if (w.cas(HOLDER, holder, ABANDONED) === holder) onReap(at);
  return attempt(w, t, reentrant);
}

/**
 * Retries a busy lock a few times before sleeping (segment memory: the holder is usually in
 * another process and about to let go); null when still busy. Never while `t` holds it: it
 * cannot let go while this spins.
 */
export function spin(w: Words, t: number, reentrant: boolean): 'acquired' | 'abandoned' | null {
  if (w.spins === 0 || w.load(HOLDER) === t) return null;
  for (let k = 0; k < w.spins; k++) {
    if (w.load(HOLDER) > 0) continue;
    const outcome = attempt(w, t, reentrant);
    if (outcome !== 'busy') return outcome;
  }
  return null;
}

/** Sleeps until the lock is taken for `t` (it was found busy), the deadline, or the signal. */
export async function sleepUntilTaken(
  w: Words,
  t: number,
  reentrant: boolean,
  deadline: Deadline,
  onReap: OnReap,
): Promise<AcquireOutcome> {
  w.add(WAITERS, 1);
  let aliveCheckAt = 0;
  try {
    for (;;) {
      // In this order: a release after the sequence read changes it (the sleep below then
      // returns at once); one after the flag is cleared sends a wake-up again.
      const seq = w.load(SEQ);
      clearWakePending(w);
      const holder = w.load(HOLDER);
      let dead = false;
      if (holder > 0 && performance.now() >= aliveCheckAt) {
        aliveCheckAt = performance.now() + ALIVE_CHECK_MS;
        dead = !w.holderAlive(holder);
      }
      if (holder === FREE || holder === ABANDONED || dead) {
        const outcome = attemptReaping(w, t, reentrant, onReap);
        if (outcome !== 'busy') return outcome;
        continue;
      }
      const woke = await w.wait(SEQ, seq, deadline);
      if (woke === 'cancelled') return 'cancelled';
      if (woke === 'timed-out') {
        const last = attemptReaping(w, t, reentrant, onReap);
        return last === 'busy' ? 'timeout' : last;
      }
    }
  } finally {
    w.add(WAITERS, -1);
  }
}

/**
 * Wakes one sleeping acquirer (after a release), unless one was woken and has not looked at the
 * lock yet: in a segment a wake-up is a syscall, and a holder that releases and re-acquires in a
 * loop would otherwise pay it on every release while a waiter is on its way.
 */
export function wakeOne(w: Words): void {
  if (w.load(WAITERS) === 0) return;
  w.add(SEQ, 1);
  const flags = w.load(FLAGS);
  if ((flags & WAKE_PENDING) !== 0) return;
  // Losing this race means another release set the flag: its wake-up is on its way.
  if (w.cas(FLAGS, flags, flags | WAKE_PENDING) === flags) w.notify(SEQ, 1);
}

function clearWakePending(w: Words): void {
  for (;;) {
    const flags = w.load(FLAGS);
    if ((flags & WAKE_PENDING) === 0 || w.cas(FLAGS, flags, flags & ~WAKE_PENDING) === flags) return;
  }
}
