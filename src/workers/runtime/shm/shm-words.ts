/**
 * Lock words in a shared memory segment (see sync/words.ts), used through the addon, so a lock
 * works the same from every process that maps it.
 *
 * Holders are named by their OS thread id (gettid): unique on the machine while the thread
 * lives, so any process can tell that a holder died (`alive(tid)` false) and take the lock as
 * abandoned. A caller the owner acts for over IPC (a context that could not map the segment)
 * has a router tag; it is stored with {@link ROUTED} set, which no thread id has, and released
 * by the owner when that context goes, as before.
 *
 * Where V8 may address the mapping (Node) the words are an Int32Array over it, used with
 * `Atomics` exactly like a SharedArrayBuffer's; in Electron, whose memory cage forbids buffers
 * over outside memory, every operation is a call into the addon (slower, same semantics).
 *
 * A busy acquire first retries for a few microseconds (a holder in another process usually lets
 * go that fast), then sleeps in the kernel on a native thread, in slices, so a holder that died
 * meanwhile is noticed.
 */
import { threadId } from 'node:worker_threads';
import { localTag } from '../context/identity';
import { AtomicsWords, type Words } from '../sync/words';
import { remainingMs, type Deadline, type WaitResult } from '../sync/wait';
import { mappedBuffer, type ShmBlock } from './arena';
import type { ShmNative } from './shm-native';

/** Set in a holder value that names a router tag rather than a thread id (tids are < 2^22). */
export const ROUTED = 1 << 30;
/** Longest single sleep: how soon a waiter notices a holder that died. */
const SLICE_MS = 100;
/** Attempts before sleeping: about 10-20 µs of retries through the addon. */
const SPINS = 400;

const SELF_TAG = localTag(threadId);
let ownTid = 0;

/** How holders are named and waited for in a segment: the part both word kinds share. */
class Segment {
  readonly native: ShmNative;
  readonly seg: number;
  readonly base: number;

  constructor(block: ShmBlock) {
    this.native = block.native;
    this.seg = block.seg;
    this.base = block.place.offset;
    if (ownTid === 0) ownTid = this.native.tid();
  }

  notify(index: number, count: number): void {
    this.native.notify(this.seg, this.base + index * 4, count);
  }

  /**
   * This thread is its OS thread id; a caller the owner serves is its router tag, marked; a
   * negative tag names a holder directly (`-tid`: the owner acting for a context that locks the
   * segment itself, as a Condition's wait does: `LockCore.holderTag`).
   */
  tag(callerTag: number): number {
    if (callerTag < 0) return -callerTag;
    return callerTag === SELF_TAG ? ownTid : callerTag | ROUTED;
  }

  holderAlive(holder: number): boolean {
    return holder <= 0 || (holder & ROUTED) !== 0 || this.native.alive(holder);
  }

  /** A futex wait on a native thread, at most one slice long (see the module docs). */
  wait(index: number, expected: number, deadline: Deadline): WaitResult | Promise<WaitResult> {
    const signal = deadline.signal;
    if (signal?.aborted === true) return 'cancelled';
    const left = remainingMs(deadline);
    if (left <= 0) return 'timed-out';
    const off = this.base + index * 4;
    return new Promise<WaitResult>((resolve) => {
      let settled = false;
      const onAbort = (): void => {
        settled = true;
        resolve('cancelled');
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.native.wait(this.seg, off, expected, Math.min(SLICE_MS, left), (result) => {
        if (settled) {
          // A wake-up that landed on an abandoned wait was meant for a live waiter: pass it on.
          if (result === 0) this.native.notify(this.seg, off, 1);
          return;
        }
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        // The end of a slice is a spurious wake-up unless the caller's deadline passed too.
        resolve(result === 1 ? 'not-equal' : result === 2 && remainingMs(deadline) <= 0 ? 'timed-out' : 'ok');
      });
    });
  }
}

/** Words of a segment block that V8 may address (Node): `Atomics` on the mapping itself. */
export class MappedWords extends AtomicsWords {
  readonly spins = SPINS;
  private readonly segment: Segment;

  constructor(block: ShmBlock, buffer: ArrayBuffer, words: number) {
    super(new Int32Array(buffer, block.place.offset, words));
    this.segment = new Segment(block);
  }

  notify(index: number, count: number): void {
    this.segment.notify(index, count);
  }

  wait(index: number, expected: number, deadline: Deadline): WaitResult | Promise<WaitResult> {
    return this.segment.wait(index, expected, deadline);
  }

  tag(callerTag: number): number {
    return this.segment.tag(callerTag);
  }

  holderAlive(holder: number): boolean {
    return this.segment.holderAlive(holder);
  }
}

/** Words of a segment block through the addon's calls (where V8 may not address it: Electron). */
export class ShmWords extends Segment implements Words {
  readonly spins = SPINS;

  load(index: number): number {
    return this.native.load(this.seg, this.base + index * 4);
  }

  store(index: number, value: number): void {
    this.native.store(this.seg, this.base + index * 4, value);
  }

  cas(index: number, expected: number, value: number): number {
    return this.native.cas(this.seg, this.base + index * 4, expected, value);
  }

  add(index: number, delta: number): number {
    return this.native.add(this.seg, this.base + index * 4, delta);
  }
}

/** The fastest words this context has for a block: the mapping itself, else the addon's calls. */
export function segmentWords(block: ShmBlock, words: number): Words {
  const buffer = mappedBuffer(block);
  return buffer !== null ? new MappedWords(block, buffer, words) : new ShmWords(block);
}
