import type { Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SECURITY_HEADERS } from '../../../src/main/browser-shell/static-files';
import {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  hardenSession,
  hardenWebContents,
} from '../../../src/main/electron/security';
import { electron, FakeSession, FakeWebContents, resetElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

beforeEach(resetElectron);

const asContents = (fake: FakeWebContents): WebContents => fake as unknown as WebContents;
const asSession = (fake: FakeSession): Session => fake as unknown as Session;

function hardened(): { contents: FakeWebContents; log: (line: string) => void } {
  const contents = new FakeWebContents();
  const log = vi.fn();
  hardenWebContents(asContents(contents), log);
  return { contents, log };
}

describe('hardenWebContents', () => {
  it('prevents navigation to another document and logs it', () => {
    const { contents, log } = hardened();
    expect(contents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('https://evil.example/'));
  });

  it('prevents redirects to another document', () => {
    const { contents } = hardened();
    expect(contents.attempt('will-redirect', 'https://evil.example/')).toBe(true);
  });

  it('lets same-document navigations (hash and history changes) through', () => {
    const { contents } = hardened();
    expect(contents.attempt('will-navigate', 'file:///app/out/renderer/index.html#/trace', true)).toBe(false);
    expect(contents.attempt('will-redirect', 'file:///app/out/renderer/index.html#/trace', true)).toBe(false);
  });

  it('denies every window.open', () => {
    const { contents } = hardened();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://parascope/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///app/out/renderer/index.html' })).toEqual({
      action: 'deny',
    });
  });

  it('hands no link to the operating system: the shipped allow-list is empty', () => {
    const { contents, log } = hardened();
    for (const url of ['https://github.com/', 'https://parascope.dev/docs', 'file:///bin/sh', 'smb://h/x']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
      expect(contents.attempt('will-navigate', url)).toBe(true);
    }
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith('electron: blocked window.open of smb://h/x');
  });

  it('prevents attaching a <webview>', () => {
    const { contents } = hardened();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('installs its handlers once however often it is applied', () => {
    const { contents, log } = hardened();
    hardenWebContents(asContents(contents), log);
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-redirect')).toBe(1);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
  });
});

describe('hardenSession', () => {
  it('refuses every permission request and check', () => {
    const ses = new FakeSession();
    hardenSession(asSession(ses), CONTENT_SECURITY_POLICY);
    const request = ses.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void;
    const check = ses.setPermissionCheckHandler.mock.calls[0]?.[0] as (
      contents: unknown,
      permission: string,
    ) => boolean;
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check(null, permission)).toBe(false);
    }
  });

  it('adds the Content-Security-Policy header and keeps the other headers', () => {
    const ses = new FakeSession();
    hardenSession(asSession(ses), CONTENT_SECURITY_POLICY);
    const listener = ses.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (
      details: { responseHeaders?: Record<string, string[]> },
      callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
    ) => void;
    const callback = vi.fn();
    listener({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
});

describe('contentSecurityPolicy', () => {
  it('is the strict renderer policy for built files', () => {
    expect(contentSecurityPolicy({ kind: 'app', url: 'app://parascope/index.html', dir: '/r' })).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });

  it('is the same policy the browser shell sends, so both shells run the renderer alike', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(SECURITY_HEADERS['Content-Security-Policy']);
  });

  it('relaxes only script-src for the dev server', () => {
    const dev = contentSecurityPolicy({
      kind: 'dev',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
    expect(dev).toBe(
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });
});
