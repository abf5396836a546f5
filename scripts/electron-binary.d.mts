/** Path of the Electron executable, or null when the electron package has no binary. */
export function findElectronBinary(
  electronDir: string,
  options?: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform },
): string | null;
