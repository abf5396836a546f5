/**
 * Where the app's files are relative to the built main module, where the renderer is loaded
 * from, and whether a URL belongs to that renderer (the check every IPC sender must pass).
 * A built renderer is served from the `app://parascope/` protocol, never from `file://`.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { badDevUrl, badMainFileUrl } from './electron-errors';

/** Absolute paths of the build outputs the shell needs. */
export interface AppPaths {
  /** The sandboxed CommonJS preload, `out/preload/index.cjs`. */
  preload: string;
  /** The renderer's directory, `out/renderer`. */
  rendererDir: string;
  /** The renderer's entry page, `out/renderer/index.html`. */
  rendererIndex: string;
}

/** Scheme of the app protocol that serves the built renderer (registered in `app-protocol.ts`). */
export const APP_SCHEME = 'app';
/** The one host the app protocol answers. */
export const APP_HOST = 'parascope';
/** The renderer's entry page as the window loads it. */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Where the renderer comes from: the built files in `dir`, served at `url` by the app
 * protocol, or the dev server in development.
 */
export type RendererSource =
  { kind: 'app'; url: string; dir: string } | { kind: 'dev'; url: string; origin: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Resolves the build outputs from the URL of the built main module, which sits at
 * `out/app/main/electron/main.js` (main is built with `preserveModules` rooted at `src/`).
 */
export function appPaths(mainFileUrl: string): AppPaths {
  let outDir: string | undefined;
  try {
    const url = new URL(mainFileUrl);
    if (url.protocol === 'file:') outDir = fileURLToPath(new URL('../../../', url));
  } catch {
    // Not a URL at all; reported below like any other bad value.
  }
  if (outDir === undefined) throw badMainFileUrl(mainFileUrl);
  return {
    preload: join(outDir, 'preload', 'index.cjs'),
    rendererDir: join(outDir, 'renderer'),
    rendererIndex: join(outDir, 'renderer', 'index.html'),
  };
}

/**
 * Chooses the renderer source. The dev server URL (set by `electron-vite dev`) is honoured
 * only in an unpackaged app and only on loopback: an environment variable must never point a
 * shipped app, preload and IPC included, at someone else's page.
 */
export function rendererSource(options: {
  paths: AppPaths;
  devUrl?: string;
  isPackaged: boolean;
}): RendererSource {
  const { paths, devUrl, isPackaged } = options;
  if (isPackaged || devUrl === undefined || devUrl === '') {
    return { kind: 'app', url: APP_INDEX_URL, dir: paths.rendererDir };
  }
  let url: URL;
  try {
    url = new URL(devUrl);
  } catch {
    throw badDevUrl(devUrl);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw badDevUrl(devUrl);
  }
  return { kind: 'dev', url: url.href, origin: url.origin };
}

/**
 * True when `url` is a page of our renderer: anything on `app://parascope/` (the protocol
 * serves nothing but the renderer directory), or the dev server's origin in development.
 * `file://` is never ours, not even the renderer's own files.
 */
export function isRendererUrl(source: RendererSource, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (source.kind === 'dev') return parsed.origin === source.origin;
  // `app:` is not a special scheme to Node's URL parser (its origin is "null"), so compare
  // the parts; Chromium hands us canonical URLs, so anything unusual is simply refused.
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
