/**
 * Serves the built renderer. Paths are checked twice: the raw request path is rejected if it
 * could climb out of the root in any spelling, and the resolved real path (after symlinks)
 * must still lie inside the real root before a file is opened.
 */
import { open, realpath } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

/** Headers on every response, errors included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** Content type by file extension; unknown types are opaque bytes (never sniffed). */
export function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Where a request path leads: a file inside the root, or the status to answer. */
export type Resolved = { ok: true; file: string } | { ok: false; status: 400 | 404; reason: string };

/** The path part of a raw request target, before any query or fragment. */
export function requestPath(url: string): string {
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}

/**
 * Maps a raw request path to a file under `root` (which must already be a real path).
 * Anything that could name a file outside the root is refused before touching the disk.
 */
export async function resolveStatic(root: string, rawPath: string): Promise<Resolved> {
  if (!rawPath.startsWith('/')) return { ok: false, status: 400, reason: 'path must be absolute-path form' };
  // Encoded separators and NUL have no business in an asset path; refuse them undecoded.
  if (/%(2f|5c|00)/i.test(rawPath))
    return { ok: false, status: 400, reason: 'encoded separator or NUL in path' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400, reason: 'bad percent-encoding' };
  }
  if (/[\0\\]/.test(decoded)) return { ok: false, status: 400, reason: 'forbidden character in path' };
  // Only the first segment may be empty ('/' itself, or a trailing '/'); '//x' would let
  // path.resolve treat the rest as an absolute path.
  const segments = decoded.split('/').slice(1);
  if (
    segments.some(
      (s, i) => s === '.' || s === '..' || s.includes(':') || (s === '' && i < segments.length - 1),
    )
  ) {
    return { ok: false, status: 400, reason: 'dot, empty or drive segment in path' };
  }
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const candidate = path.resolve(root, relative);
  if (!inside(root, candidate)) return { ok: false, status: 404, reason: 'outside the renderer' };
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return { ok: false, status: 404, reason: 'no such file' };
  }
  // A symlink inside the root may point anywhere: check where it really leads.
  if (!inside(root, real)) return { ok: false, status: 404, reason: 'outside the renderer' };
  return { ok: true, file: real };
}

function inside(root: string, file: string): boolean {
  return file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * Sends one regular file (GET) or its headers (HEAD). Answers 404 for directories and
 * anything else that is not a regular file.
 */
export async function sendFile(
  res: ServerResponse,
  file: string,
  headOnly: boolean,
  extraHeaders: Record<string, string>,
): Promise<'sent' | 'not-a-file'> {
  // Open first and stat the open handle, so what is checked is what is sent.
  const handle = await open(file, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return 'not-a-file';
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      ...extraHeaders,
      'Content-Type': contentType(file),
      'Content-Length': String(stat.size),
      // index.html names the hashed assets of this build: never reuse a stale copy.
      'Cache-Control': path.extname(file) === '.html' ? 'no-store' : 'no-cache',
    });
    if (headOnly) {
      res.end();
      return 'sent';
    }
    await pipeline(handle.createReadStream({ autoClose: false }), res);
    return 'sent';
  } finally {
    await handle.close();
  }
}
