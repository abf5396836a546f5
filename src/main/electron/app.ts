/**
 * The Electron app's life cycle: one instance, sandboxed renderers, every webContents
 * hardened, one main window connected to the host, and the host disposed before quitting.
 * The host is injected so this runs unchanged against a fake in tests.
 */
import { app, BrowserWindow, session } from 'electron';
import type { Host } from '../host/host';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { connectWindow } from './ipc';
import { appPaths, rendererSource } from './renderer-location';
import { contentSecurityPolicy, hardenSession, hardenWebContents } from './security';
import { createMainWindow } from './window';

/** What {@link startApp} needs. */
export interface StartAppOptions {
  /** Builds the host once Electron is ready (composition lives in `main.ts`). */
  createHost: () => Host;
  /** `import.meta.url` of the built main module; the preload and renderer are found from it. */
  mainFileUrl: string;
  /** `ELECTRON_RENDERER_URL` from `electron-vite dev`; ignored in a packaged app. */
  devUrl?: string;
  /** Defaults to `process.platform` (macOS keeps the app alive with no window). */
  platform?: NodeJS.Platform;
  /** One line per refused call, blocked navigation or failure; defaults to stderr. */
  log?: (line: string) => void;
}

/** Starts the app. Returns false (and quits) when another instance already runs. */
export function startApp(options: StartAppOptions): boolean {
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const platform = options.platform ?? process.platform;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  // Resolved before anything starts, so a bad dev URL fails fast with its TypeError.
  const paths = appPaths(options.mainFileUrl);
  const source = rendererSource({ paths, devUrl: options.devUrl, isPackaged: app.isPackaged });
  const policy = contentSecurityPolicy(source);
  app.enableSandbox();
  // Privileged schemes can only be registered before 'ready'.
  registerAppScheme();

  let host: Host | undefined;
  let mainWindow: BrowserWindow | undefined;

  const openWindow = (current: Host): void => {
    const win = createMainWindow({ paths, source, log });
    mainWindow = win;
    connectWindow({ win, host: current, source, log });
    win.once('closed', () => {
      if (mainWindow === win) mainWindow = undefined;
    });
  };

  // Covers every webContents ever created, including ones we do not create ourselves.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    // Hold the quit until sessions and the sampler are stopped, then quit for real (the
    // second will-quit finds no host and lets it through).
    if (!host) return;
    event.preventDefault();
    const current = host;
    host = undefined;
    current
      .dispose()
      .catch((error: unknown) => log(`electron: disposing the host failed: ${String(error)}`))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(() => {
      hardenSession(session.defaultSession, policy);
      if (source.kind === 'app') serveAppProtocol({ rendererDir: source.dir, policy, log });
      const created = options.createHost();
      host = created;
      openWindow(created);
      app.on('activate', () => {
        if (host && BrowserWindow.getAllWindows().length === 0) openWindow(host);
      });
    })
    .catch((error: unknown) => {
      log(
        `electron: start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      app.quit();
    });
  return true;
}
