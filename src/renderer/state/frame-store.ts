/**
 * A store that takes actions at any rate but changes its state at most once per frame:
 * actions are buffered, and one scheduled flush folds them all through the reducer and
 * notifies subscribers once. Shaped for React's `useSyncExternalStore`.
 */

/** Requests `fn` once before the next frame; returns a cancel function. */
export type FrameScheduler = (fn: () => void) => () => void;

/** Folds a batch of actions into the state; returns the same object when nothing changed. */
export type BatchReducer<S, A> = (state: S, actions: readonly A[]) => S;

/** The store's public face. */
export interface FrameStore<S, A> {
  /** Queues an action; it takes effect at the next flush. */
  dispatch(action: A): void;
  /** Applies queued actions now (the scheduler calls this; tests may too). */
  flush(): void;
  /** Current state; stable between flushes, as `useSyncExternalStore` requires. */
  getSnapshot(): S;
  /** Called after each flush that changed the state; returns unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Cancels a pending flush and drops queued actions and listeners. */
  dispose(): void;
}

/** Creates a frame-batched store; more than `maxQueued` waiting actions are folded at once. */
export function createFrameStore<S, A>(
  initial: S,
  reducer: BatchReducer<S, A>,
  schedule: FrameScheduler,
  maxQueued: number = 10_000,
): FrameStore<S, A> {
  let state = initial;
  let queue: A[] = [];
  let cancel: (() => void) | null = null;
  const listeners = new Set<() => void>();

  const flush = (): void => {
    cancel = null;
    if (queue.length === 0) return;
    const actions = queue;
    queue = [];
    const next = reducer(state, actions);
    if (Object.is(next, state)) return;
    state = next;
    for (const listener of [...listeners]) listener();
  };

  return {
    dispatch(action) {
      queue.push(action);
      // Hidden tabs get no frames: fold early rather than let the queue grow without bound.
      if (queue.length >= maxQueued) {
        cancel?.();
        flush();
        return;
      }
      cancel ??= schedule(flush);
    },
    flush() {
      cancel?.();
      flush();
    },
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    dispose() {
      cancel?.();
      cancel = null;
      queue = [];
      listeners.clear();
    },
  };
}
