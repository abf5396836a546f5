/** React context carrying the host client and the store to every view. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { HostClient } from '../client/select-client';
import type { AppState } from '../state/app-state';
import type { AppStore } from './app-store';

/** What the views need from the app shell. */
export interface AppServices {
  client: HostClient;
  store: AppStore;
}

/** Provided once by `main.tsx`. */
export const ServicesContext = createContext<AppServices | null>(null);

/** The services; throws outside the provider (a programming error, not a user one). */
export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() used outside <ServicesContext.Provider>');
  return services;
}

/**
 * A slice of the store's state; re-renders only when the slice's identity changes, at most
 * once per animation frame. `select` must return a part of the state, not a new object.
 */
export function useAppState<T>(select: (state: AppState) => T): T {
  const { store } = useServices();
  return useSyncExternalStore(store.subscribe, () => select(store.getSnapshot()));
}
