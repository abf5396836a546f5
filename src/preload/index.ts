/**
 * Preload script (bundled to CommonJS, runs sandboxed): exposes the typed bridge as
 * `window.parascope`. Only `contextBridge` and `ipcRenderer` from `electron` are used, which
 * is all a sandboxed preload may require.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

// The renderer finds the bridge under this name (`window.parascope`).
contextBridge.exposeInMainWorld('parascope', createBridge(ipcRenderer));
