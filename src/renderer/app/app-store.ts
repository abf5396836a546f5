/**
 * Wires the host client into the frame-batched store: every push becomes an action, and
 * the store folds them once per animation frame.
 */
import type { HostClient } from '../client/select-client';
import { reduceApp, initialAppState, type AppAction, type AppState } from '../state/app-state';
import { createFrameStore, type FrameStore } from '../state/frame-store';
import { animationFrameScheduler } from '../state/raf-scheduler';

/** The app's store. */
export type AppStore = FrameStore<AppState, AppAction>;

/** Creates the store and subscribes it to the client's pushes and connection state. */
export function createAppStore(client: HostClient): AppStore {
  const store = createFrameStore<AppState, AppAction>(
    initialAppState(0, client.connection.getState()),
    reduceApp,
    animationFrameScheduler,
  );
  client.api.on('sampler:sample', (sample) => store.dispatch({ type: 'sample', sample }));
  client.api.on('session:trace', (batch) =>
    // Arrival time on the local clock, for estimating the host clock offset.
    store.dispatch({ type: 'trace', batch, localUs: performance.now() * 1000 }),
  );
  client.api.on('session:status', (status) =>
    store.dispatch({ type: 'status', status, localUs: performance.now() * 1000 }),
  );
  client.connection.subscribe((state) => store.dispatch({ type: 'connection', state }));
  return store;
}
