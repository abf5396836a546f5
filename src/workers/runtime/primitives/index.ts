/**
 * The public primitive classes: synchronisation (shared memory), communication (owner-served),
 * shared state and the Manager. Importing this module registers every kind's reviver, so a
 * context that receives a primitive in its arguments can bring it to life.
 */
export { Lock, RLock, type LockOptions } from './lock';
export { Semaphore, BoundedSemaphore, type SemaphoreOptions } from './semaphore';
export { Event } from './event';
export { Condition } from './condition';
export { Barrier, type BarrierOptions } from './barrier';
export { Value, SharedArray, type SharedOptions } from './value';
export { Queue, JoinableQueue, SimpleQueue, type QueueOptions } from './queue';
export { Pipe, Connection } from './pipe';
export { Manager } from './manager';
export { ManagedValue, ManagedDict, ManagedList } from './managed';
export { LockAbandonedError } from './primitive-errors';
export type { Held } from './lock-like';
export type { WaitOptions } from './wait-options';
