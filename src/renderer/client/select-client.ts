/**
 * Start-up choice of the host client: the Electron preload bridge when it is there, else a
 * WebSocket to the browser shell that served this page.
 */
import type { ParascopeApi, PreloadBridge, ShellKind } from '../../shared/contract';
import { wrapPreloadBridge } from './preload-client';
import { addressWithoutToken, socketAddressFor } from './url-token';
import { createWsClient, type ConnectionSource, type SocketFactory } from './ws-client';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    parascope?: PreloadBridge;
  }
}

/** What the app needs to know about its host connection. */
export interface HostClient {
  api: ParascopeApi;
  shell: ShellKind;
  connection: ConnectionSource;
}

/** The DOM WebSocket behind {@link SocketFactory}. */
export const domSocketFactory: SocketFactory = (url, handlers) => {
  const ws = new WebSocket(url);
  // Trace chunks come in binary frames, whose records the client views in place.
  ws.binaryType = 'arraybuffer';
  ws.addEventListener('open', () => handlers.onOpen());
  ws.addEventListener('close', () => handlers.onClose());
  ws.addEventListener('message', (event: MessageEvent) => handlers.onMessage(event.data));
  return { send: (data) => ws.send(data), close: () => ws.close() };
};

/** The Electron bridge never disconnects while the window lives. */
const alwaysOpen: ConnectionSource = {
  getState: () => 'open',
  subscribe: () => () => {},
};

/** Picks and creates the client; call once, before rendering. */
export function selectHostClient(): HostClient {
  const bridge = window.parascope;
  if (bridge) return { api: wrapPreloadBridge(bridge), shell: 'electron', connection: alwaysOpen };
  const cleaned = addressWithoutToken(window.location.href);
  if (cleaned !== null) window.history.replaceState(window.history.state, '', cleaned);
  const client = createWsClient({
    url: socketAddressFor(window.location.href),
    createSocket: domSocketFactory,
  });
  return { api: client, shell: 'browser', connection: client.connection };
}
