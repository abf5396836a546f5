/**
 * The one audited place that may hand a URL to the operating system (`shell.openExternal`).
 * `openExternal` with a page-controlled URL can start any registered protocol handler
 * (`file:`, `smb:`, custom app schemes), so only `https:` pages of allow-listed origins pass.
 *
 * Parascope links to nothing outside itself today, so the allow-list is empty and every
 * request is refused; a future link (say, to the docs) is added here, not opened ad hoc.
 */
import { shell } from 'electron';
import { describeValue } from '../../shared/errors';

/** Origins (`https://host[:port]`) whose pages may open in the user's browser. */
export const EXTERNAL_ORIGINS: readonly string[] = [];

/**
 * True when `url` is an `https:` URL on one of `allowed`'s origins, without credentials
 * (`https://docs.example@evil.example/` must never look like the docs).
 */
export function isAllowedExternalUrl(url: unknown, allowed: readonly string[] = EXTERNAL_ORIGINS): boolean {
  if (typeof url !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
  return allowed.includes(parsed.origin);
}

/**
 * Opens `url` in the user's browser when {@link isAllowedExternalUrl} allows it. Returns
 * whether it was handed to the OS; a failure to open is logged, never thrown.
 */
export function openExternalIfAllowed(
  url: unknown,
  log: (line: string) => void,
  allowed: readonly string[] = EXTERNAL_ORIGINS,
): boolean {
  if (typeof url !== 'string' || !isAllowedExternalUrl(url, allowed)) return false;
  shell
    .openExternal(url)
    .catch((error: unknown) =>
      log(
        `electron: opening ${describeValue(url)} failed: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  return true;
}
