import type { BrowserWindowConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appPaths, rendererSource } from '../../../src/main/electron/renderer-location';
import { createMainWindow } from '../../../src/main/electron/window';
import { FakeBrowserWindow, resetElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const paths = appPaths('file:///opt/parascope/out/app/main/electron/main.js');
const appSource = rendererSource({ paths, isPackaged: true });

function open(source = appSource): { win: FakeBrowserWindow; log: ReturnType<typeof vi.fn> } {
  const log = vi.fn();
  createMainWindow({ paths, source, log });
  const win = FakeBrowserWindow.instances.at(-1);
  if (!win) throw new Error('no window was created');
  return { win, log };
}

beforeEach(resetElectron);

describe('createMainWindow: options', () => {
  const options = (): BrowserWindowConstructorOptions =>
    open().win.options as BrowserWindowConstructorOptions;

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['navigateOnDragDrop', false],
  ] as const)('sets webPreferences.%s to %s', (key, value) => {
    expect(options().webPreferences?.[key]).toBe(value);
  });

  it('enables no Blink features and sets no extra command-line switches', () => {
    const prefs = options().webPreferences ?? {};
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.additionalArguments).toBeUndefined();
  });

  it('uses the built CommonJS preload', () => {
    expect(options().webPreferences?.preload).toBe('/opt/parascope/out/preload/index.cjs');
  });

  it('is titled Parascope, dark, hidden until painted and not tiny', () => {
    const o = options();
    expect(o.title).toBe('Parascope');
    expect(o.show).toBe(false);
    expect(o.backgroundColor).toMatch(/^#[0-3][0-9a-f][0-3][0-9a-f][0-3][0-9a-f]$/i);
    expect(o.minWidth).toBeGreaterThanOrEqual(800);
    expect(o.minHeight).toBeGreaterThanOrEqual(500);
  });
});

describe('createMainWindow', () => {
  it('shows the window only once it is ready to show', () => {
    const { win } = open();
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledTimes(1);
  });

  it('loads the built renderer from app://parascope/, never from file://', () => {
    const { win } = open();
    expect(win.loadURL).toHaveBeenCalledWith('app://parascope/index.html');
    expect(win.loadFile).not.toHaveBeenCalled();
  });

  it('loads the dev server in development', () => {
    const { win } = open(rendererSource({ paths, devUrl: 'http://localhost:5173', isPackaged: false }));
    expect(win.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(win.loadFile).not.toHaveBeenCalled();
  });

  it('denies navigation and new windows from its page', () => {
    const { win } = open();
    expect(win.webContents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(win.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('logs a failed load instead of leaving a rejected promise', async () => {
    FakeBrowserWindow.failNextLoad = new Error(
      "ERR_FILE_NOT_FOUND (-6) loading 'app://parascope/index.html'",
    );
    const log = vi.fn();
    const logged = new Promise<void>((resolve) => log.mockImplementation(() => resolve()));
    createMainWindow({ paths, source: appSource, log });
    await logged;
    expect(log).toHaveBeenCalledWith(expect.stringContaining('ERR_FILE_NOT_FOUND'));
  });
});
