import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { startApp, type StartAppOptions } from '../../../src/main/electron/app';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/electron/security';
import { INVOKE_CHANNELS } from '../../../src/shared/contract';
import { electron, FakeBrowserWindow, FakeWebContents, invokeEvent, resetElectron } from './fake-electron';
import { fakeHost, type FakeHost } from './fake-host';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const MAIN_URL = 'file:///opt/parascope/out/app/main/electron/main.js';

interface Started {
  host: FakeHost;
  createHost: ReturnType<typeof vi.fn<() => FakeHost>>;
  log: ReturnType<typeof vi.fn>;
  started: boolean;
}

/** Starts the app and waits until Electron is "ready" and the start-up work has run. */
async function start(options: Partial<StartAppOptions> = {}): Promise<Started> {
  const host = fakeHost();
  const createHost = vi.fn(() => host);
  const log = vi.fn();
  const started = startApp({ mainFileUrl: MAIN_URL, createHost, log, platform: 'linux', ...options });
  // startApp subscribed to whenReady() first, so its callback has run when ours resumes.
  await electron.app.ready;
  return { host, createHost, log, started };
}

function onlyWindow(): FakeBrowserWindow {
  const windows = FakeBrowserWindow.getAllWindows();
  expect(windows).toHaveLength(1);
  return windows[0] as FakeBrowserWindow;
}

beforeEach(resetElectron);

describe('startApp', () => {
  it('quits at once, creating nothing, when another instance holds the lock', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValue(false);
    const { started, createHost } = await start();
    expect(started).toBe(false);
    expect(electron.app.quit).toHaveBeenCalled();
    expect(createHost).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(electron.ipcMain.handle).not.toHaveBeenCalled();
  });

  it('enables the sandbox for every renderer before Electron is ready', async () => {
    let resolveReady = (): void => {};
    electron.app.ready = new Promise<void>((resolve) => (resolveReady = resolve));
    startApp({ mainFileUrl: MAIN_URL, createHost: fakeHost, log: vi.fn() });
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    resolveReady();
    await electron.app.ready;
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('when ready, hardens the session and opens one window wired to the host', async () => {
    const { host, createHost } = await start();
    expect(createHost).toHaveBeenCalledTimes(1);
    const ses = electron.session.defaultSession;
    expect(ses.setPermissionRequestHandler).toHaveBeenCalled();
    expect(ses.setPermissionCheckHandler).toHaveBeenCalled();
    expect(ses.webRequest.onHeadersReceived).toHaveBeenCalled();
    const win = onlyWindow();
    expect(win.loadURL).toHaveBeenCalledWith('app://parascope/index.html');
    expect(electron.ipcMain.handlers.size).toBe(INVOKE_CHANNELS.length);
    await electron.ipcMain.invoke('topology:get', invokeEvent(win.webContents), null);
    expect(host.invokeMock).toHaveBeenCalledWith('topology:get', null);
  });

  it('sends the strict CSP header for built files', async () => {
    await start();
    const listener = electron.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (
      details: { responseHeaders?: Record<string, string[]> },
      callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
    ) => void;
    const callback = vi.fn();
    listener({ responseHeaders: {} }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('loads the dev server when unpackaged and ignores it when packaged', async () => {
    await start({ devUrl: 'http://localhost:5173' });
    expect(onlyWindow().loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(electron.protocol.handle).not.toHaveBeenCalled();
    resetElectron();
    electron.app.isPackaged = true;
    await start({ devUrl: 'http://localhost:5173' });
    expect(onlyWindow().loadURL).toHaveBeenCalledWith('app://parascope/index.html');
    expect(onlyWindow().loadURL).toHaveBeenCalledTimes(1);
  });

  it('registers the app scheme as privileged before Electron is ready, without bypassCSP', async () => {
    let resolveReady = (): void => {};
    electron.app.ready = new Promise<void>((resolve) => (resolveReady = resolve));
    startApp({ mainFileUrl: MAIN_URL, createHost: fakeHost, log: vi.fn() });
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(electron.protocol.handle).not.toHaveBeenCalled();
    resolveReady();
    await electron.app.ready;
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('serves the built renderer on app://parascope/ once ready, with the CSP header', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'parascope-out-'));
    try {
      await mkdir(path.join(out, 'renderer'));
      await writeFile(path.join(out, 'renderer', 'index.html'), '<!doctype html><title>P</title>');
      await writeFile(path.join(out, 'secret.txt'), 'SECRET');
      await start({ mainFileUrl: pathToFileURL(path.join(out, 'app/main/electron/main.js')).href });
      const page = await electron.protocol.request('app://parascope/index.html');
      expect(page.status).toBe(200);
      expect(await page.text()).toBe('<!doctype html><title>P</title>');
      expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      const escape = await electron.protocol.request('app://parascope/..%2fsecret.txt');
      expect(escape.status).toBe(404);
      expect(await escape.text()).toBe('');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('hardens every webContents that gets created', async () => {
    await start();
    const stray = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, stray);
    expect(stray.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(stray.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('focuses the existing window when a second instance starts', async () => {
    await start();
    const win = onlyWindow();
    win.minimized = true;
    electron.app.emit('second-instance');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });
});

describe('quitting', () => {
  it('quits when the last window closes, except on macOS', async () => {
    await start({ platform: 'linux' });
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).toHaveBeenCalledTimes(1);

    resetElectron();
    await start({ platform: 'darwin' });
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).not.toHaveBeenCalled();
  });

  it('on macOS reopens a window, wired to the same host, when activated with none open', async () => {
    const { host } = await start({ platform: 'darwin' });
    onlyWindow().close();
    electron.app.emit('activate');
    const win = onlyWindow();
    await electron.ipcMain.invoke('host:info', invokeEvent(win.webContents), null);
    expect(host.invokeMock).toHaveBeenCalledWith('host:info', null);
  });

  it('holds the quit until the host is disposed, then quits', async () => {
    const { host } = await start();
    let finishDispose = (): void => {};
    host.disposeMock.mockReturnValueOnce(new Promise<void>((resolve) => (finishDispose = resolve)));
    const quitAgain = new Promise<void>((resolve) =>
      electron.app.quit.mockImplementationOnce(() => resolve()),
    );

    const first = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(host.disposeMock).toHaveBeenCalledTimes(1);
    expect(electron.app.quit).not.toHaveBeenCalled();

    finishDispose();
    await quitAgain;
    const second = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(host.disposeMock).toHaveBeenCalledTimes(1);
  });

  it('still quits, and logs, when disposing the host fails', async () => {
    const { host, log } = await start();
    host.disposeMock.mockRejectedValueOnce(new Error('session would not stop'));
    const quit = new Promise<void>((resolve) => electron.app.quit.mockImplementationOnce(() => resolve()));
    electron.app.emit('will-quit', { preventDefault: vi.fn() });
    await quit;
    expect(log).toHaveBeenCalledWith(expect.stringContaining('session would not stop'));
  });

  it('quits, and logs, when start-up fails', async () => {
    const quit = new Promise<void>((resolve) => electron.app.quit.mockImplementationOnce(() => resolve()));
    const log = vi.fn();
    startApp({
      mainFileUrl: MAIN_URL,
      log,
      createHost: () => {
        throw new TypeError('createHost: deps.topology must be a TopologyService');
      },
    });
    await quit;
    expect(log).toHaveBeenCalledWith(expect.stringContaining('deps.topology'));
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});
