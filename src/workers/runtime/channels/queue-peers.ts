/**
 * Who used a queue, and which deaths its waiters have not been told about yet. This is what
 * lets a queue end a wait that could never end (Python hangs there): a consumer blocked on an
 * empty queue whose producer died, a producer blocked on a full queue whose consumer died, a
 * `join` waiting for items a dead consumer took and never marked done.
 */
import type { Caller } from '../context/served';

/** What one context did to a queue. */
export interface QueueUsage {
  pid: number;
  /** Items it put. */
  put: number;
  /** Items it got. */
  got: number;
  /** `taskDone` calls it made. */
  done: number;
}

/** The kinds of wait a death can make hopeless. */
export type WaitSide = 'get' | 'put' | 'join';

/** Per-caller usage and undelivered death notices of one queue. */
export class QueuePeers {
  private readonly usage = new Map<string, QueueUsage>();
  private readonly pending: Record<WaitSide, number[]> = { get: [], put: [], join: [] };
  /** The usage counted last (a producer's puts come in runs: one map lookup per run). */
  private last: QueueUsage | null = null;
  private lastAddress = '';

  /** Counts one `put`, `got` or `done` by `caller`. */
  count(caller: Caller, what: 'put' | 'got' | 'done'): void {
    let usage = this.lastAddress === caller.address ? this.last : this.usage.get(caller.address);
    if (usage === undefined || usage === null) {
      usage = { pid: caller.pid, put: 0, got: 0, done: 0 };
      this.usage.set(caller.address, usage);
    }
    this.last = usage;
    this.lastAddress = caller.address;
    usage[what]++;
  }

  /** What `address` did so far (undefined: nothing). */
  usageOf(address: string): QueueUsage | undefined {
    return this.usage.get(address);
  }

  /** Forgets a context that ended and returns what it did. */
  forget(address: string): QueueUsage | undefined {
    const usage = this.usage.get(address);
    this.usage.delete(address);
    if (this.lastAddress === address) {
      this.last = null;
      this.lastAddress = '';
    }
    return usage;
  }

  /** Keeps a death for the next wait of `side` that would block. */
  defer(side: WaitSide, pid: number): void {
    if (!this.pending[side].includes(pid)) this.pending[side].push(pid);
  }

  /** Takes the deaths kept for `side` (empty when none). */
  take(side: WaitSide): number[] {
    return this.pending[side].splice(0);
  }
}
