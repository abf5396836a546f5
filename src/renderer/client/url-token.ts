/** Removing the one-time `token` query parameter from the page's address. */

/**
 * Returns `href` without its `token` query parameter, or null when it has none. The browser
 * shell trades the token for a cookie when it serves the page; keeping it in the address
 * bar would leak it into history, bookmarks and screenshots.
 */
export function addressWithoutToken(href: string): string | null {
  const url = new URL(href);
  if (!url.searchParams.has('token')) return null;
  url.searchParams.delete('token');
  return url.pathname + (url.search === '?' ? '' : url.search) + url.hash;
}

/** The WebSocket address of the host serving a page at `href` (same origin, path `/ws`). */
export function socketAddressFor(href: string): string {
  const url = new URL(href);
  const scheme = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${url.host}/ws`;
}
