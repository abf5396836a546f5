/**
 * Shared-memory synchronisation cores: the owner-side state of Lock, RLock, Semaphore,
 * BoundedSemaphore, Event, Condition, Barrier, Value and Array. Each wraps a SharedArrayBuffer,
 * can be re-created from it in another thread of the same process (`fromShared`), and serves
 * operations for other processes (`serve`). The public classes (primitives/) wrap these.
 */
export { LockCore, type AcquireOutcome, type TryOutcome } from './lock-core';
export { SemaphoreCore, type SemaphoreOutcome } from './semaphore-core';
export { EventCore } from './event-core';
export { ConditionCore, DEFAULT_MAX_WAITERS, type ConditionWaitResult } from './condition-core';
export { BarrierCore, MAX_PARTIES } from './barrier-core';
export { ValueCore, ArrayCore } from './value-core';
export { TYPE_CODES, checkTypeCode, type SharedScalar, type TypeCode } from './typecodes';
export { BrokenBarrierError } from './sync-errors';
export { deadlineOf, liveWaitCount, type CoreWaitOptions } from './wait';
