/**
 * A stand-in for the `electron` module (there is no Electron binary here): just enough of
 * app, BrowserWindow, webContents, ipcMain, session, protocol, net and shell for the shell's
 * modules, recording what they are asked to do. Tests install it with
 * `vi.mock('electron', async () => (await import('./fake-electron')).electronModule)`
 * and call {@link resetElectron} before each test.
 */
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { vi } from 'vitest';

/** A frame as `event.senderFrame` shows it. */
export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
}

let nextContentsId = 1;

/** A webContents: an event emitter that records sends and its window-open handler. */
export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  url = '';
  destroyed = false;
  readonly mainFrame: FakeFrame = { url: '', parent: null, processId: 7, routingId: this.id };
  readonly send = vi.fn<(channel: string, payload: unknown) => void>();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler;
  });
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Commits a navigation: the URL the page and its main frame now show. */
  navigate(url: string): void {
    this.url = url;
    this.mainFrame.url = url;
  }
  /** Emits a navigation-like event the way Electron does; returns whether it was prevented. */
  attempt(event: 'will-navigate' | 'will-redirect', url: string, isSameDocument = false): boolean {
    const details = { url, isSameDocument, isMainFrame: true, preventDefault: vi.fn() };
    this.emit(event, details, url, isSameDocument, true);
    return details.preventDefault.mock.calls.length > 0;
  }
}

/** A BrowserWindow recording its options, loads and visibility. */
export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  /** When set, the next load rejects with it (as Electron's does for a missing file). */
  static failNextLoad: Error | undefined;
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }
  readonly webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn(() => {
    this.minimized = false;
  });
  readonly loadFile = vi.fn(async (path: string) => this.load(pathToFileURL(path).href));
  readonly loadURL = vi.fn(async (url: string) => this.load(url));
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  private load(url: string): void {
    const error = FakeBrowserWindow.failNextLoad;
    FakeBrowserWindow.failNextLoad = undefined;
    if (error) throw error;
    this.webContents.navigate(url);
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  /** Closes the window as the user would: destroyed first, then 'closed'. */
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

/** ipcMain.handle/removeHandler, refusing a second handler per channel like Electron does. */
export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  readonly handle = vi.fn((channel: string, handler: InvokeHandler) => {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  });
  readonly removeHandler = vi.fn((channel: string) => {
    this.handlers.delete(channel);
  });
  /** Calls a channel's handler as the renderer's `ipcRenderer.invoke` would. */
  async invoke(channel: string, event: unknown, payload: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, payload);
  }
}

/** The default session's permission handlers and webRequest hook. */
export class FakeSession {
  readonly setPermissionRequestHandler = vi.fn();
  readonly setPermissionCheckHandler = vi.fn();
  readonly webRequest = { onHeadersReceived: vi.fn() };
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

/**
 * `protocol`: records privileged schemes and handlers. Like Electron, registering privileges
 * after 'ready' is an error (it would silently do nothing in the real app).
 */
export class FakeProtocol {
  readonly handlers = new Map<string, ProtocolHandler>();
  constructor(private readonly app: FakeApp) {}
  readonly registerSchemesAsPrivileged = vi.fn((schemes: unknown[]) => {
    if (this.app.isReady) throw new Error('registerSchemesAsPrivileged must be called before app is ready');
    void schemes;
  });
  readonly handle = vi.fn((scheme: string, handler: ProtocolHandler) => {
    if (this.handlers.has(scheme)) throw new Error(`The scheme has been registered: ${scheme}`);
    this.handlers.set(scheme, handler);
  });
  /** Requests `url` as the renderer would; resolves to the handler's response. */
  async request(url: string, init?: { method?: string }): Promise<Response> {
    const handler = this.handlers.get(new URL(url).protocol.slice(0, -1));
    if (!handler) throw new Error(`no handler for ${url}`);
    return handler(new Request(url, init));
  }
}

/** `net.fetch` for `file:` URLs only: reads the file (404 when missing), like Chromium would. */
export const fakeNet = {
  fetch: vi.fn(async (url: string): Promise<Response> => {
    if (!url.startsWith('file:')) throw new Error(`fake net.fetch reads file: URLs only, got ${url}`);
    try {
      return new Response(await readFile(fileURLToPath(url)));
    } catch {
      return new Response(null, { status: 404 });
    }
  }),
};

/** `app`: an event emitter with the calls the shell makes. */
export class FakeApp extends EventEmitter {
  isPackaged = false;
  ready: Promise<void> = Promise.resolve();
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly quit = vi.fn();
  readonly enableSandbox = vi.fn();
  readonly getVersion = vi.fn(() => '0.1.0');
  /** Set once `ready` has settled, as the real `app.isReady()` would report. */
  isReady = false;
  readonly whenReady = vi.fn(() => {
    void this.ready.then(() => (this.isReady = true));
    return this.ready;
  });
}

const firstApp = new FakeApp();

/** The current fakes; replaced by {@link resetElectron}. */
export const electron = {
  app: firstApp,
  ipcMain: new FakeIpcMain(),
  session: { defaultSession: new FakeSession() },
  protocol: new FakeProtocol(firstApp),
  shell: { openExternal: vi.fn(async (_url: string): Promise<void> => {}) },
};

/** Fresh fakes for the next test. */
export function resetElectron(): void {
  electron.app = new FakeApp();
  electron.ipcMain = new FakeIpcMain();
  electron.session = { defaultSession: new FakeSession() };
  electron.protocol = new FakeProtocol(electron.app);
  electron.shell = { openExternal: vi.fn(async (_url: string): Promise<void> => {}) };
  fakeNet.fetch.mockClear();
  FakeBrowserWindow.instances = [];
  FakeBrowserWindow.failNextLoad = undefined;
}

/** The mocked module: getters, so code under test always sees the current fakes. */
export const electronModule = {
  get app() {
    return electron.app;
  },
  get ipcMain() {
    return electron.ipcMain;
  },
  get session() {
    return electron.session;
  },
  get protocol() {
    return electron.protocol;
  },
  get shell() {
    return electron.shell;
  },
  net: fakeNet,
  BrowserWindow: FakeBrowserWindow,
};

/** An `IpcMainInvokeEvent` from `contents`' frame `frame` (its main frame unless given). */
export function invokeEvent(
  contents: FakeWebContents,
  frame: FakeFrame | null = contents.mainFrame,
): { sender: FakeWebContents; senderFrame: FakeFrame | null } {
  return { sender: contents, senderFrame: frame };
}
