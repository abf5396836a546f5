/** The CLI's default services: the app's own implementations, so both share every code path. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserShell } from '../browser-shell';
import { createHost } from '../host/host';
import { createCoreSampler } from '../sampler';
import { createSessionRunner } from '../session';
import { createTopologyService } from '../topology';
import type { CliDeps } from './command';

/** The repository root, three levels above this file (`src/main/cli/`). */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Opens a URL with the platform's opener; failures are ignored (the URL is printed anyway). */
function openUrl(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
}

/** The services `runCli` uses unless told otherwise. */
export function defaultDeps(): CliDeps {
  return {
    version: packageVersion(),
    rendererDir: join(root, 'out', 'renderer'),
    createTopologyService: () => createTopologyService(),
    createCoreSampler: (options) => createCoreSampler(options),
    createSessionRunner: (options) => createSessionRunner(options),
    createHost,
    startBrowserShell,
    openUrl,
  };
}
