/**
 * Owner-side state of Barrier: a SharedArrayBuffer of int32 words [state, history, parties, 0,
 * tag of arrival 0, tag of arrival 1, …]. The whole barrier is one state word, so every change is
 * one CAS and a thread killed at any point leaves it consistent:
 * bits 0-15 arrivals in this generation, bits 16-17 phase (FILLING, DRAINING: the last party
 * arrived and the generation is passing, BROKEN, RESETTING), bits 18-30 generation (wraps).
 *
 * A party that arrives last moves the barrier to DRAINING and gets index `parties - 1`; it then
 * owes {@link BarrierCore.pass} (or {@link BarrierCore.abort}). That is where the public class
 * runs Python's `action` in the last arriver's context, before the others are released; `wait`
 * does arrive + pass in one go when there is no action.
 *
 * A generation ends by passing or by a reset. Waiters tell the two apart by `history`: bit
 * `generation % 32` is set when that generation was reset. It is written only by the context
 * that owns the transition (the last arriver in DRAINING, the resetter in RESETTING), before the
 * state word moves on. (A waiter would have to sleep through 32 generations to misread it.)
 *
 * Served ops (args are plain data):
 * | op       | args                  | result                                         |
 * | -------- | --------------------- | ---------------------------------------------- |
 * | `wait`   | `[{ timeoutMs? }?]`   | arrival index (rejects BrokenBarrierError)     |
 * | `arrive` | `[{ timeoutMs? }?]`   | arrival index; `parties - 1` owes `pass`       |
 * | `pass`   | `[]`                  | `null`                                         |
 * | `reset`  | `[]`                  | `null`                                         |
 * | `abort`  | `[]`                  | `null`                                         |
 * | `state`  | `[]`                  | `{ parties, nWaiting, broken }`                |
 */
import type { Actor } from '../../../shared/trace-schema';
import { selfActor, type PrimitiveInfo } from '../context/identity';
import type { Caller, Served } from '../context/served';
import { invalidArgument } from '../errors';
import { waitOptionsArg } from './serve-args';
import { BrokenBarrierError, unknownOp } from './sync-errors';
import { traceBarrier } from './sync-trace';
import { deadlineOf, waitWord, type CoreWaitOptions, type Deadline } from './wait';

const STATE = 0;
const HISTORY = 1;
const PARTIES = 2;
const TAGS = 4;

const COUNT_MASK = 0xffff;
const PHASE_SHIFT = 16;
const GEN_SHIFT = 18;
const GEN_MASK = 0x1fff;
const FILLING = 0;
const DRAINING = 1;
const BROKEN = 2;
const RESETTING = 3;

/** Most parties a barrier can have. */
export const MAX_PARTIES = COUNT_MASK;

const countOf = (s: number): number => s & COUNT_MASK;
const phaseOf = (s: number): number => (s >>> PHASE_SHIFT) & 3;
const genOf = (s: number): number => (s >>> GEN_SHIFT) & GEN_MASK;
const pack = (gen: number, phase: number, count: number): number =>
  ((gen & GEN_MASK) << GEN_SHIFT) | (phase << PHASE_SHIFT) | count;

/** Python's `threading.Barrier` state in shared memory. */
export class BarrierCore implements Served {
  readonly info: PrimitiveInfo;
  /** The shared memory: hand it to a thread of this process for {@link BarrierCore.fromShared}. */
  readonly sab: SharedArrayBuffer;
  /** Parties needed to pass. */
  readonly parties: number;
  private readonly words: Int32Array;

  private constructor(info: PrimitiveInfo, sab: SharedArrayBuffer) {
    this.info = info;
    this.sab = sab;
    this.words = new Int32Array(sab);
    this.parties = this.words[PARTIES]!;
  }

  /** New barrier for `parties` (an integer from 1 to {@link MAX_PARTIES}). */
  static create(info: PrimitiveInfo, parties: number): BarrierCore {
    if (typeof parties !== 'number') throw invalidArgument('parties', 'must be an integer', parties, 'type');
    if (!Number.isInteger(parties) || parties < 1 || parties > MAX_PARTIES) {
      throw invalidArgument('parties', `must be an integer from 1 to ${MAX_PARTIES}`, parties, 'range');
    }
    const sab = new SharedArrayBuffer((TAGS + parties) * 4);
    new Int32Array(sab)[PARTIES] = parties;
    return new BarrierCore(info, sab);
  }

  /** The same barrier, in another thread of the owner's process. */
  static fromShared(sab: SharedArrayBuffer, info: PrimitiveInfo): BarrierCore {
    return new BarrierCore(info, sab);
  }

  /** Parties waiting in the current generation (0 unless it is filling, as Python's). */
  nWaiting(): number {
    const s = Atomics.load(this.words, STATE);
    return phaseOf(s) === FILLING ? countOf(s) : 0;
  }

  /** True once aborted, or a party timed out, was cancelled or died; until `reset`. */
  broken(): boolean {
    return phaseOf(Atomics.load(this.words, STATE)) === BROKEN;
  }

  /** The current generation number (wraps at 8192). */
  generation(): number {
    return genOf(Atomics.load(this.words, STATE));
  }

  /** Arrives and waits for the others; resolves the arrival index (0 = first). No action. */
  async wait(tag: number, options?: CoreWaitOptions, actor: Actor = selfActor): Promise<number> {
    const index = await this.arrive(tag, options, actor);
    if (index === this.parties - 1) this.pass(actor);
    return index;
  }

  /**
   * Arrives; resolves the arrival index once the generation passes, or at once for the last
   * party (index `parties - 1`), which must then call `pass` or `abort`. Rejects with
   * BrokenBarrierError when the barrier is or becomes broken or reset; a timeout or cancel
   * breaks it for every party (Python).
   */
  async arrive(tag: number, options?: CoreWaitOptions, actor: Actor = selfActor): Promise<number> {
    const deadline = deadlineOf(options);
    const w = this.words;
    for (;;) {
      const s = Atomics.load(w, STATE);
      const phase = phaseOf(s);
      if (phase === BROKEN) throw this.fail(actor, 'broken', 'broken');
      if (phase !== FILLING) {
        // The previous generation is passing or resetting: wait for it to end.
        const woke = await waitWord(w, STATE, s, deadline, false);
        if (woke === 'timed-out' || woke === 'cancelled') throw this.giveUp(s, actor, woke);
        continue;
      }
      const count = countOf(s);
      const last = count + 1 === this.parties;
      const next = last ? pack(genOf(s), DRAINING, count + 1) : pack(genOf(s), FILLING, count + 1);
      if (Atomics.compareExchange(w, STATE, s, next) !== s) continue;
      w[TAGS + count] = tag;
      traceBarrier(this.info, actor, 'arrive', count + 1, this.parties);
      if (!last) await this.awaitPass(genOf(s), next, deadline, actor);
      return count;
    }
  }

  private async awaitPass(gen: number, seen: number, deadline: Deadline, actor: Actor): Promise<void> {
    const w = this.words;
    let s = seen;
    for (;;) {
      if (genOf(s) !== gen) {
        if ((Atomics.load(w, HISTORY) & (1 << (gen & 31))) !== 0) throw this.fail(actor, 'reset', 'broken');
        traceBarrier(this.info, actor, 'pass', this.parties, this.parties);
        return;
      }
      const phase = phaseOf(s);
      if (phase === BROKEN) throw this.fail(actor, 'broken', 'broken');
      if (phase === RESETTING) throw this.fail(actor, 'reset', 'broken');
      const woke = await waitWord(w, STATE, s, deadline, false);
      if (woke === 'timed-out' || woke === 'cancelled') {
        // Break this generation, unless it passed or broke meanwhile: then report that.
        const now = Atomics.load(w, STATE);
        if (now === s) throw this.giveUp(s, actor, woke);
      }
      s = Atomics.load(w, STATE);
    }
  }

  /** Breaks the barrier for a party that gave up (if still in state `s`) and makes its error. */
  private giveUp(s: number, actor: Actor, why: 'timed-out' | 'cancelled'): BrokenBarrierError {
    const phase = phaseOf(s);
    if (phase === FILLING || phase === DRAINING) {
      Atomics.compareExchange(this.words, STATE, s, pack(genOf(s), BROKEN, countOf(s)));
      Atomics.notify(this.words, STATE);
    }
    return this.fail(actor, why === 'timed-out' ? 'timeout' : 'cancelled', 'timeout');
  }

  private fail(
    actor: Actor,
    why: ConstructorParameters<typeof BrokenBarrierError>[1],
    action: 'broken' | 'timeout',
  ): BrokenBarrierError {
    traceBarrier(this.info, actor, action, countOf(Atomics.load(this.words, STATE)), this.parties);
    return new BrokenBarrierError(this.info.name, why);
  }

  /**
   * The last arriver releases the generation (after running the action). Throws
   * BrokenBarrierError when the barrier was aborted or reset while the action ran.
   */
  pass(actor: Actor = selfActor): void {
    const w = this.words;
    const s = Atomics.load(w, STATE);
    if (phaseOf(s) !== DRAINING) throw this.fail(actor, 'broken', 'broken');
    const gen = genOf(s);
    Atomics.and(w, HISTORY, ~((1 << (gen & 31)) | (1 << ((gen + 1) & 31))));
    if (Atomics.compareExchange(w, STATE, s, pack(gen + 1, FILLING, 0)) !== s) {
      throw this.fail(actor, 'broken', 'broken');
    }
    Atomics.notify(w, STATE);
    traceBarrier(this.info, actor, 'pass', this.parties, this.parties);
  }

  /** Python's `abort`: breaks the barrier; current and future waits fail until `reset`. */
  abort(actor: Actor = selfActor): void {
    const w = this.words;
    for (;;) {
      const s = Atomics.load(w, STATE);
      const phase = phaseOf(s);
      // Broken already, or a reset is under way (this abort then counts as before it).
      if (phase === BROKEN || phase === RESETTING) break;
      if (Atomics.compareExchange(w, STATE, s, pack(genOf(s), BROKEN, countOf(s))) !== s) continue;
      Atomics.notify(w, STATE);
      traceBarrier(this.info, actor, 'broken', countOf(s), this.parties);
      break;
    }
  }

  /** Python's `reset`: parties waiting now fail with BrokenBarrierError; the barrier is empty again. */
  reset(): void {
    const w = this.words;
    for (;;) {
      const s = Atomics.load(w, STATE);
      const phase = phaseOf(s);
      if (phase === RESETTING || (phase === FILLING && countOf(s) === 0)) return;
      const claimed = pack(genOf(s), RESETTING, countOf(s));
      if (Atomics.compareExchange(w, STATE, s, claimed) !== s) continue;
      const gen = genOf(s);
      Atomics.and(w, HISTORY, ~(1 << ((gen + 1) & 31)));
      Atomics.or(w, HISTORY, 1 << (gen & 31));
      Atomics.store(w, STATE, pack(gen + 1, FILLING, 0));
      Atomics.notify(w, STATE);
      return;
    }
  }

  /** Performs an op for a (possibly remote) caller; see the op table in the module docs. */
  serve(op: string, args: readonly unknown[], caller: Caller, signal: AbortSignal): unknown {
    switch (op) {
      case 'wait':
        return this.wait(caller.tag, waitOptionsArg(args[0], signal), caller);
      case 'arrive':
        return this.arrive(caller.tag, waitOptionsArg(args[0], signal), caller);
      case 'pass':
        this.pass(caller);
        return null;
      case 'reset':
        this.reset();
        return null;
      case 'abort':
        this.abort(caller);
        return null;
      case 'state':
        return { parties: this.parties, nWaiting: this.nWaiting(), broken: this.broken() };
      default:
        throw unknownOp(this.info.name, op);
    }
  }

  /** A party that died while waiting here (or owing `pass`) breaks the barrier, as a timeout would. */
  callerGone(caller: Caller): void {
    const w = this.words;
    const s = Atomics.load(w, STATE);
    const phase = phaseOf(s);
    if (phase !== FILLING && phase !== DRAINING) return;
    for (let i = 0; i < countOf(s); i++) {
      if (w[TAGS + i] === caller.tag) {
        this.abort(caller);
        return;
      }
    }
  }
}
