/**
 * The `app://parascope/` protocol: serves the built renderer instead of `file://`, so the page
 * has a real origin of its own (no access to other local files, `'self'` in the CSP means the
 * renderer and nothing else) and every response carries our security headers.
 *
 * Paths are resolved by the browser shell's resolver (`resolveStatic`), so both shells refuse
 * traversal, encoded separators and symlinks out of the renderer by the same code.
 */
import { realpath, stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import type { CustomScheme } from 'electron';
import { contentType, resolveStatic, SECURITY_HEADERS } from '../browser-shell/static-files';
import { describeValue } from '../../shared/errors';
import { APP_HOST, APP_SCHEME } from './renderer-location';

/**
 * How the scheme is registered: standard (real origin, relative URLs resolve), secure (a
 * secure context like https) and fetchable by the page. Deliberately not `bypassCSP`,
 * `corsEnabled`, `allowServiceWorkers` or `stream`: the renderer needs none of them.
 */
export const APP_SCHEME_REGISTRATION: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** Reads one file by its `file:` URL (Electron's `net.fetch`, which also reads inside app.asar). */
export type FetchFile = (fileUrl: string) => Promise<Response>;

/** What {@link createAppProtocolHandler} needs. */
export interface AppProtocolOptions {
  /** The built renderer, `out/renderer`; nothing outside it is ever served. */
  rendererDir: string;
  /** Content-Security-Policy sent with every response. */
  policy: string;
  fetchFile: FetchFile;
  /** One line per refused request or failure. */
  log: (line: string) => void;
}

/**
 * Registers the app scheme's privileges. Electron accepts this only before the app is ready,
 * so it must run during start-up, synchronously.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_REGISTRATION]);
}

/** Starts answering `app://` requests from `rendererDir` (after the app is ready). */
export function serveAppProtocol(options: Omit<AppProtocolOptions, 'fetchFile'>): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ ...options, fetchFile: (url) => net.fetch(url) }));
}

/**
 * The request handler behind `app://parascope/`: GET and HEAD of regular files inside the
 * renderer directory; 404 for anything else on any other host or path, 405 for other
 * methods. Never rejects: a failure is logged and answered with a 500.
 */
export function createAppProtocolHandler(
  options: AppProtocolOptions,
): (request: Request) => Promise<Response> {
  const { rendererDir, policy, fetchFile, log } = options;
  const headers = { ...SECURITY_HEADERS, 'Content-Security-Policy': policy };
  // The resolver wants the real root; resolved once, on the first request.
  let root: Promise<string | null> | undefined;

  const refuse = (status: 404 | 405 | 500, url: string, reason: string): Response => {
    log(`electron: app protocol refused ${describeValue(url)} (${status}): ${reason}`);
    const extra: Record<string, string> = status === 405 ? { Allow: 'GET, HEAD' } : {};
    return new Response(null, { status, headers: { ...headers, ...extra } });
  };

  return async (request) => {
    try {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        return refuse(404, request.url, 'not a URL');
      }
      if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
        return refuse(404, request.url, 'not the Parascope origin');
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return refuse(405, request.url, `method ${request.method}`);
      }
      root ??= realpath(rendererDir).catch(() => null);
      const realRoot = await root;
      if (realRoot === null) return refuse(404, request.url, `the renderer is not built (${rendererDir})`);
      // `pathname` is still percent-encoded: the resolver decodes it and checks every spelling.
      const resolved = await resolveStatic(realRoot, url.pathname);
      if (!resolved.ok) return refuse(404, request.url, resolved.reason);
      // A directory would come back from file:// as a generated listing; serve files only.
      if (!(await stat(resolved.file)).isFile()) return refuse(404, request.url, 'not a file');
      const file = await fetchFile(pathToFileURL(resolved.file).href);
      if (!file.ok) return refuse(404, request.url, `reading the file failed (${file.status})`);
      if (request.method === 'HEAD') await file.body?.cancel();
      return new Response(request.method === 'HEAD' ? null : file.body, {
        status: 200,
        headers: { ...headers, 'Content-Type': contentType(resolved.file), 'Cache-Control': 'no-cache' },
      });
    } catch (error) {
      return refuse(500, request.url, error instanceof Error ? error.message : describeValue(error));
    }
  };
}
