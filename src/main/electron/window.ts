/** The main window: secure webPreferences, shown once painted, loading our renderer. */
import { BrowserWindow } from 'electron';
import type { AppPaths, RendererSource } from './renderer-location';
import { hardenWebContents } from './security';

/** Window background while the renderer paints; matches the renderer's dark theme. */
export const WINDOW_BACKGROUND = '#0f1117';

/**
 * Creates the hardened main window and starts loading the renderer from `source` (the app
 * protocol, or the dev server in development).
 */
export function createMainWindow(options: {
  paths: AppPaths;
  source: RendererSource;
  log: (line: string) => void;
}): BrowserWindow {
  const { paths, source, log } = options;
  // The options stay a literal at the constructor so the static scan (electronegativity) can
  // read every security preference where the window is made; window.test.ts checks them too.
  const win = new BrowserWindow({
    title: 'Parascope',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    backgroundColor: WINDOW_BACKGROUND,
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Spell-checking fetches dictionaries from a remote server; a profiler needs none.
      spellcheck: false,
    },
  });
  hardenWebContents(win.webContents, log);
  win.once('ready-to-show', () => win.show());
  win.loadURL(source.url).catch((error: unknown) => {
    log(`electron: loading the renderer failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  return win;
}
