/** Electron's default fuse states ('1' on, '0' off) in wire order, as the stand-in's binary carries them. */
export const DEFAULT_FUSE_WIRE: string;

/** The version of the installed `electron` devDependency (what electron-builder packages against). */
export function electronVersion(): string;

/**
 * Writes a stand-in for an unpacked Linux Electron distribution into `dir` (created if
 * missing): enough for `electron-builder --dir`, with a fuse wire so fuses are really flipped.
 * Returns its absolute path.
 */
export function makeElectronStandIn(dir: string, options?: { version?: string }): string;
