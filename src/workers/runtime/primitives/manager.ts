/**
 * `Manager`: Python's `multiprocessing.Manager()`, objects served to every process. Python starts
 * a server process for them; here the context that creates the manager serves them itself, through
 * the same router every primitive uses, so there is no extra process to start or to lose. Its
 * objects are proxies everywhere else: every operation is a round trip to this context.
 */
import { DictState } from '../channels/dict-state';
import { ListState } from '../channels/list-state';
import { invalidArgument } from '../errors';
import { Barrier, type BarrierOptions } from './barrier';
import { ownInfo } from './base';
import { Condition } from './condition';
import { Event } from './event';
import { Lock, RLock, type LockOptions } from './lock';
import { ManagedDict, ManagedList, newManagedValue, type ManagedValue } from './managed';
import { JoinableQueue, Queue, type QueueOptions } from './queue';
import { Semaphore, type SemaphoreOptions } from './semaphore';

/** Serves values, dicts, lists, queues and locks to every context. */
export class Manager implements AsyncDisposable {
  private running = true;

  private check(method: string): void {
    if (!this.running) throw new Error(`Manager.${method}() called after shutdown()`);
  }

  /** A value (any structured-cloneable data). Python: `Manager().Value(typecode, value)`. */
  value<T>(initial: T, options: { name?: string } = {}): ManagedValue<T> {
    this.check('value');
    return newManagedValue(initial, options.name);
  }

  /** A dict with string keys, optionally filled from an object or `[key, value]` pairs. */
  dict<V = unknown>(
    initial?: Record<string, V> | [string, V][],
    options: { name?: string } = {},
  ): ManagedDict<V> {
    this.check('dict');
    const state = new DictState(ownInfo('dict', options.name));
    if (initial !== undefined) state.serve('update', [initial], selfLess, neverAborted);
    return new ManagedDict<V>(state);
  }

  /** A list, optionally filled from an array. */
  list<T = unknown>(initial?: T[], options: { name?: string } = {}): ManagedList<T> {
    this.check('list');
    if (initial !== undefined && !Array.isArray(initial)) {
      throw invalidArgument('initial', 'must be an array', initial, 'type');
    }
    const state = new ListState(ownInfo('list', options.name));
    if (initial !== undefined) state.serve('extend', [structuredClone(initial)], selfLess, neverAborted);
    return new ManagedList<T>(state);
  }

  /** A queue (the same class as `new Queue()`: its state lives in this context either way). */
  queue<T = unknown>(options?: number | QueueOptions): Queue<T> {
    this.check('queue');
    return new Queue<T>(options);
  }

  /** A joinable queue. */
  joinableQueue<T = unknown>(options?: number | QueueOptions): JoinableQueue<T> {
    this.check('joinableQueue');
    return new JoinableQueue<T>(options);
  }

  /** A lock (Python's `Manager().Lock()`; the same class as `new Lock()`). */
  lock(options?: LockOptions): Lock {
    this.check('lock');
    return new Lock(options);
  }

  /** A reentrant lock. */
  rlock(options?: LockOptions): RLock {
    this.check('rlock');
    return new RLock(options);
  }

  /** A semaphore. */
  semaphore(value = 1, options?: SemaphoreOptions): Semaphore {
    this.check('semaphore');
    return new Semaphore(value, options);
  }

  /** An event. */
  event(options?: { name?: string }): Event {
    this.check('event');
    return new Event(options);
  }

  /** A condition over `lock` or a new RLock. */
  condition(lock?: Lock, options?: { name?: string }): Condition {
    this.check('condition');
    return new Condition(lock, options);
  }

  /** A barrier. */
  barrier(parties: number, options?: BarrierOptions): Barrier {
    this.check('barrier');
    return new Barrier(parties, options);
  }

  /** Stops handing out objects. Those already made keep working while this context lives. */
  shutdown(): Promise<void> {
    this.running = false;
    return Promise.resolve();
  }

  /** `await using manager = new Manager()`, like Python's `with Manager() as m:`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown();
  }
}

const neverAborted = new AbortController().signal;
/** Filling a new object happens before any context can see it: no caller to name. */
const selfLess = Object.freeze({ address: '', pid: 0, tid: 0, tag: 0 });
