/** Path of the Chromium executable (`PARASCOPE_CHROMIUM` overrides Debian's). */
export const CHROMIUM_PATH: string;
/** Flags for every launch: no sandbox (root), no GPU, no background traffic, no first-run UI. */
export const CHROMIUM_FLAGS: readonly string[];
