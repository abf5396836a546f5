/**
 * The object the preload exposes as `window.parascope`. Built over a minimal slice of
 * `ipcRenderer` so it can be tested without Electron, and so that nothing but `invoke` and
 * `on` ever reaches the page: no `ipcRenderer`, no event objects, no Node API.
 */
import type { IpcRendererEvent } from 'electron';
import { INVOKE_CHANNELS, PUSH_CHANNELS } from '../shared/contract';
import type { InvokeChannel, PreloadBridge, PushChannel, PushMap } from '../shared/contract';
import { failure, type Result } from '../shared/errors';
import { ipcFailed, listenerNotFunction, unknownInvokeChannel, unknownPushChannel } from './preload-errors';

/** The part of `ipcRenderer` the bridge uses. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
}

const invokeChannels: ReadonlySet<string> = new Set(INVOKE_CHANNELS);
const pushChannels: ReadonlySet<string> = new Set(PUSH_CHANNELS);

function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && invokeChannels.has(channel);
}

function isPushChannel(channel: unknown): channel is PushChannel {
  return typeof channel === 'string' && pushChannels.has(channel);
}

/**
 * Creates the bridge over `ipc`. `invoke` forwards only contract channels and always
 * resolves to a {@link Result}; `on` subscribes only to push channels and hands the listener
 * the payload alone.
 */
export function createBridge(ipc: BridgeIpc): PreloadBridge {
  const bridge: PreloadBridge = {
    invoke(channel, request) {
      // The page is untrusted: the static type says nothing about what it passes at run time.
      const name: unknown = channel;
      if (!isInvokeChannel(name)) return Promise.resolve(failure(unknownInvokeChannel(name)));
      return ipc.invoke(name, request).then(
        // Main answers every call with a Result (see ipc.ts); pass it through unchanged.
        (result) => result as Result<never>,
        (error: unknown) => failure(ipcFailed(name, error)),
      );
    },
    on<C extends PushChannel>(channel: C, listener: (payload: PushMap[C]) => void): () => void {
      const name: unknown = channel;
      if (!isPushChannel(name)) throw unknownPushChannel(name);
      if (typeof listener !== 'function') throw listenerNotFunction();
      // Dropping the event keeps `sender` (and with it ipcRenderer) out of the page.
      const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload as PushMap[C]);
      ipc.on(name, wrapped);
      let listening = true;
      return () => {
        if (!listening) return;
        listening = false;
        ipc.removeListener(name, wrapped);
      };
    },
  };
  return Object.freeze(bridge);
}
