// How this project runs Chromium (Debian's, never a downloaded one): its path and the flags
// that keep it from reaching the network or needing a sandbox as root. Used by the
// end-to-end tests (playwright.config.ts) and the icon renderer (scripts/dist-icon.mjs).

/** Path of the Chromium executable (`PARASCOPE_CHROMIUM` overrides Debian's). */
export const CHROMIUM_PATH = process.env.PARASCOPE_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for every launch: no sandbox (root), no GPU, no background traffic, no first-run UI. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
