/**
 * Owner-side state of Event: int32 words [flag, generation] of a SharedArrayBuffer. `set` raises
 * the flag and bumps the generation; waiters sleep on the generation word, so a waiter that
 * was asleep when the event was set returns true even if it was cleared again before the
 * waiter ran (as Python's, whose waiters are notified at `set`).
 *
 * Served ops (args are plain data):
 * | op      | args                 | result                                        |
 * | ------- | -------------------- | --------------------------------------------- |
 * | `set`   | `[]`                 | `null`                                        |
 * | `clear` | `[]`                 | `null`                                        |
 * | `isSet` | `[]`                 | `boolean`                                     |
 * | `wait`  | `[{ timeoutMs? }?]`  | `boolean` (false: timed out or cancelled)     |
 */
import type { Actor } from '../../../shared/trace-schema';
import { selfActor, type PrimitiveInfo } from '../context/identity';
import type { Caller, Served } from '../context/served';
import { waitOptionsArg } from './serve-args';
import { unknownOp } from './sync-errors';
import { traceEventSignal } from './sync-trace';
import { deadlineOf, waitWord, type CoreWaitOptions } from './wait';

const FLAG = 0;
const GENERATION = 1;
const WORDS = 2;

/** A flag contexts can wait for. */
export class EventCore implements Served {
  /** Only `wait` waits (see Served). */
  readonly waitingOps: ReadonlySet<string> = new Set(['wait']);
  readonly info: PrimitiveInfo;
  /** The shared memory: hand it to a thread of this process for {@link EventCore.fromShared}. */
  readonly sab: SharedArrayBuffer;
  private readonly words: Int32Array;

  private constructor(info: PrimitiveInfo, sab: SharedArrayBuffer) {
    this.info = info;
    this.sab = sab;
    this.words = new Int32Array(sab, 0, WORDS);
  }

  /** New event, initially clear. */
  static create(info: PrimitiveInfo): EventCore {
    return new EventCore(info, new SharedArrayBuffer(WORDS * 4));
  }

  /** The same event, in another thread of the owner's process. */
  static fromShared(sab: SharedArrayBuffer, info: PrimitiveInfo): EventCore {
    return new EventCore(info, sab);
  }

  /** Raises the flag and wakes every waiter. */
  set(actor: Actor = selfActor): void {
    const w = this.words;
    if (Atomics.exchange(w, FLAG, 1) === 0) {
      Atomics.add(w, GENERATION, 1);
      Atomics.notify(w, GENERATION);
    }
    traceEventSignal(this.info, actor, 'set');
  }

  /** Lowers the flag. */
  clear(actor: Actor = selfActor): void {
    Atomics.store(this.words, FLAG, 0);
    traceEventSignal(this.info, actor, 'clear');
  }

  /** True while the flag is raised. */
  isSet(): boolean {
    return Atomics.load(this.words, FLAG) === 1;
  }

  /**
   * Resolves true once the flag is raised (at once if it is), false when the timeout passes or
   * the signal aborts first.
   */
  async wait(options?: CoreWaitOptions, actor: Actor = selfActor): Promise<boolean> {
    const deadline = deadlineOf(options);
    const w = this.words;
    traceEventSignal(this.info, actor, 'wait-start');
    const generation = Atomics.load(w, GENERATION);
    let ok = Atomics.load(w, FLAG) === 1;
    while (!ok) {
      // Every set wakes every waiter, so an abandoned wait need not pass a wake-up on.
      const woke = await waitWord(w, GENERATION, generation, deadline, false);
      ok = Atomics.load(w, GENERATION) !== generation || Atomics.load(w, FLAG) === 1;
      if (woke === 'timed-out' || woke === 'cancelled') break;
    }
    traceEventSignal(this.info, actor, 'wait-end', ok);
    return ok;
  }

  /** Performs an op for a (possibly remote) caller; see the op table in the module docs. */
  serve(op: string, args: readonly unknown[], caller: Caller, signal: AbortSignal): unknown {
    switch (op) {
      case 'set':
        this.set(caller);
        return null;
      case 'clear':
        this.clear(caller);
        return null;
      case 'isSet':
        return this.isSet();
      case 'wait':
        return this.wait(waitOptionsArg(args[0], signal), caller);
      default:
        throw unknownOp(this.info.name, op);
    }
  }
}
