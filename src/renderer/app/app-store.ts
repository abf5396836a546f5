/**
 * Wires the host client into the frame-batched store: every push becomes an action, and
 * the store folds them once per animation frame. On every connect (the first and each
 * reconnect) it asks the host for the current session, so a page opened or reconnected
 * mid-run, or after one, shows that run.
 */
import type { ParascopeApi } from '../../shared/contract';
import { decodeBatch, decodeCurrent } from '../client/trace-intake';
import type { ConnectionSource } from '../client/ws-client';
import { reduceApp, initialAppState, type AppAction, type AppState } from '../state/app-state';
import { createFrameStore, type FrameScheduler, type FrameStore } from '../state/frame-store';

/** The app's store. */
export type AppStore = FrameStore<AppState, AppAction>;

/** What the store needs of the host client (a `HostClient` is one). */
export interface StoreClient {
  api: ParascopeApi;
  connection: ConnectionSource;
}

/**
 * Creates the store and subscribes it to the client's pushes and connection state. `schedule`
 * is the frame clock (`animationFrameScheduler` in the app); `now` the local clock in ms, read
 * when a host clock stamp arrives.
 */
export function createAppStore(
  client: StoreClient,
  schedule: FrameScheduler,
  now: () => number = () => performance.now(),
): AppStore {
  const store = createFrameStore<AppState, AppAction>(
    initialAppState(0, client.connection.getState()),
    reduceApp,
    schedule,
  );

  const askCurrent = (): void => {
    client.api.invoke('session:current', null).then(
      // Read the local clock on arrival: the reply's `hostNowUs` is stamped just before it is sent.
      (current) => {
        const localMs = now();
        store.dispatch({ type: 'current', current: decodeCurrent(current), localMs });
      },
      // The connection dropped before the answer: the next connect asks again.
      () => {},
    );
  };

  client.api.on('sampler:sample', (sample) => store.dispatch({ type: 'sample', sample }));
  // Chunks are decoded here, once, on arrival; the store folds the events once per frame.
  client.api.on('session:trace', (batch) => {
    const localMs = now();
    store.dispatch({ type: 'trace', batch: decodeBatch(batch), localMs });
  });
  client.api.on('session:status', (status) => store.dispatch({ type: 'status', status }));
  client.connection.subscribe((state) => {
    store.dispatch({ type: 'connection', state });
    if (state === 'open') askCurrent();
  });
  // The Electron bridge is open from the start and never reports a change.
  if (client.connection.getState() === 'open') askCurrent();
  return store;
}
