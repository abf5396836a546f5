/** The browser shell: the renderer over HTTP and the host over a WebSocket, on loopback. */
export { startBrowserShell } from './browser-shell';
export type { BrowserShell, BrowserShellOptions } from './browser-shell';
