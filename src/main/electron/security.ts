/**
 * Hardening applied to every webContents and to the default session: no navigation away
 * from the page, no new windows, no webviews, no permissions, and a Content-Security-Policy
 * header on every response.
 */
import type { Session, WebContents } from 'electron';
import { openExternalIfAllowed } from './external-links';
import type { RendererSource } from './renderer-location';

/**
 * The renderer's policy: the meta tag in `src/renderer/index.html` plus `frame-ancestors
 * 'none'` (honoured only in a header); the browser shell sends the same one.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The policy to send for `source`. The Vite dev server injects an inline module script (React
 * refresh), so development alone allows inline scripts; built files get the strict policy.
 */
export function contentSecurityPolicy(source: RendererSource): string {
  if (source.kind === 'app') return CONTENT_SECURITY_POLICY;
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
}

const hardened = new WeakSet<WebContents>();

/**
 * Denies navigation to another document, redirects, `window.open` and `<webview>` on
 * `contents`. A link to an allow-listed https page (see `external-links.ts`; none today)
 * opens in the user's browser instead. Safe to call more than once (the app-wide guard and
 * the window factory both do).
 */
export function hardenWebContents(contents: WebContents, log: (line: string) => void): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.on('will-navigate', (event) => {
    if (event.isSameDocument) return;
    event.preventDefault();
    if (openExternalIfAllowed(event.url, log)) return;
    log(`electron: blocked navigation to ${event.url}`);
  });
  contents.on('will-redirect', (event) => {
    if (event.isSameDocument) return;
    event.preventDefault();
    log(`electron: blocked redirect to ${event.url}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('electron: blocked a <webview>');
  });
  // No window is ever created; the handler only decides whether the OS browser gets the URL.
  contents.setWindowOpenHandler(({ url }) => {
    if (!openExternalIfAllowed(url, log)) log(`electron: blocked window.open of ${url}`);
    return { action: 'deny' };
  });
}

/** Refuses every permission request and check, and adds the CSP header to every response. */
export function hardenSession(ses: Session, policy: string): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] },
    });
  });
}
