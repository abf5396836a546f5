/** Loading the host's one-off facts (host info, topology, scenarios) into a view. */
import { useCallback, useEffect, useState } from 'react';
import type { InvokeResponse } from '../../shared/contract';
import { isDisconnectedError } from '../client/client-errors';
import { useAppState, useServices } from './context';

/** Channels that take no request and whose answer does not change while the app runs. */
export type StaticChannel = 'host:info' | 'topology:get' | 'scenarios:list';

/** A call's progress. */
export type CallState<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: Error };

// Answers are kept for the page's life: switching tabs must not refetch or flash.
const cache = new Map<StaticChannel, Promise<unknown>>();

/**
 * Calls `channel` once per page (shared between views) and tracks the answer; `retry` re-asks,
 * and a call that failed because the connection dropped is re-asked on reconnection.
 */
export function useHostCall<C extends StaticChannel>(
  channel: C,
): { state: CallState<InvokeResponse<C>>; retry: () => void } {
  const { client } = useServices();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<CallState<InvokeResponse<C>>>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    let promise = cache.get(channel) as Promise<InvokeResponse<C>> | undefined;
    if (!promise) {
      promise = client.api.invoke(channel, null);
      cache.set(channel, promise);
    }
    promise.then(
      (value) => {
        if (live) setState({ status: 'ready', value });
      },
      (error: Error) => {
        cache.delete(channel);
        if (live) setState({ status: 'error', error });
      },
    );
    return () => {
      live = false;
    };
  }, [channel, client, attempt]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  // A call lost to a dropped connection is asked again once the connection is back.
  const connection = useAppState((s) => s.connection);
  const lostToDisconnect = state.status === 'error' && isDisconnectedError(state.error);
  useEffect(() => {
    if (lostToDisconnect && connection === 'open') retry();
  }, [lostToDisconnect, connection, retry]);
  return { state, retry };
}
