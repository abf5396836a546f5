/**
 * Who may talk to the browser shell: the per-run token (query, bearer header or cookie),
 * the Host header (DNS-rebinding defence) and the Origin header (cross-site defence).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Name of the cookie that carries the token for the page's own requests and socket. Cookies
 * are scoped by host, not port, so the port is part of the name: two shells open in one
 * browser then keep their own tokens instead of overwriting each other's.
 */
export function tokenCookieName(port: number): string {
  return `parascope_token_${port}`;
}

/** A fresh random token for one run (192 bits, URL- and cookie-safe). */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** `Set-Cookie` value that lets the loaded page's later requests carry the token. */
export function tokenCookie(cookieName: string, token: string): string {
  return `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/**
 * Constant-time token comparison. Both sides are hashed first so the buffers handed to
 * `timingSafeEqual` always have equal length and not even the length leaks.
 */
export function tokenMatches(expected: string, candidate: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(candidate).digest();
  return timingSafeEqual(a, b);
}

/** Outcome of the token check; `viaQuery` says the page should get the cookie. */
export type TokenCheck = { ok: true; viaQuery: boolean } | { ok: false; reason: 'missing' | 'wrong' };

/** Checks every place a token may travel; any one matching suffices. */
export function checkToken(req: IncomingMessage, expected: string, cookieName: string): TokenCheck {
  const fromQuery = queryTokens(req.url ?? '');
  const candidates = [...fromQuery, ...bearerTokens(req), ...cookieTokens(req, cookieName)];
  if (candidates.length === 0) return { ok: false, reason: 'missing' };
  // Compare every candidate (no early exit) so timing does not reveal which place matched.
  let viaQuery = false;
  let matched = false;
  candidates.forEach((candidate, i) => {
    if (tokenMatches(expected, candidate)) {
      matched = true;
      if (i < fromQuery.length) viaQuery = true;
    }
  });
  return matched ? { ok: true, viaQuery } : { ok: false, reason: 'wrong' };
}

function queryTokens(url: string): string[] {
  const q = url.indexOf('?');
  if (q < 0) return [];
  const hash = url.indexOf('#', q);
  return new URLSearchParams(url.slice(q + 1, hash < 0 ? undefined : hash)).getAll('token');
}

function bearerTokens(req: IncomingMessage): string[] {
  const header = req.headers.authorization;
  if (!header) return [];
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ? [match[1]] : [];
}

function cookieTokens(req: IncomingMessage, cookieName: string): string[] {
  const header = req.headers.cookie;
  if (!header) return [];
  const tokens: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === cookieName) tokens.push(part.slice(eq + 1).trim());
  }
  return tokens;
}

/** True for names and addresses that only this machine can reach. */
export function isLoopback(bindHost: string): boolean {
  const h = bindHost.toLowerCase();
  return (
    h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h)
  );
}

/** `host:port` values a legitimate request may name in its Host header (lower-case). */
export function allowedHosts(port: number, bindHost: string): Set<string> {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const bind = bindHost.toLowerCase();
  // Wildcard addresses are not names a client can use, so they add nothing to the list.
  if (bind !== '0.0.0.0' && bind !== '::')
    hosts.add(bind.includes(':') ? `[${bind}]:${port}` : `${bind}:${port}`);
  return hosts;
}

/** True when the Host header names this server (defeats DNS rebinding). */
export function hostAllowed(req: IncomingMessage, hosts: Set<string>): boolean {
  const host = req.headers.host;
  return typeof host === 'string' && hosts.has(host.toLowerCase());
}

/** True when the Origin header, if any (or always, when `required`), is this server. */
export function originAllowed(req: IncomingMessage, hosts: Set<string>, required: boolean): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return !required;
  const lower = origin.toLowerCase();
  return lower.startsWith('http://') && hosts.has(lower.slice('http://'.length));
}

/** The URL a user opens: the bind host when clients can use it, else the IPv4 loopback. */
export function shellUrl(bindHost: string, port: number, token: string): string {
  const bind = bindHost.toLowerCase();
  const host = bind === '0.0.0.0' || bind === '::' ? '127.0.0.1' : bind.includes(':') ? `[${bind}]` : bind;
  return `http://${host}:${port}/?token=${encodeURIComponent(token)}`;
}
