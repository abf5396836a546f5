/**
 * `parascope serve [--port P] [--host H] [--open]`: the browser shell. Serves the built
 * renderer and the host on one port, prints the URL (with its access token) and runs until
 * Ctrl-C or SIGTERM, then closes cleanly.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLER_DEFAULT_HZ } from '../../shared/samples';
import { aborted, defineCommand, println } from './command';

/** The `serve` command. */
export const serveCommand = defineCommand(
  {
    name: 'serve',
    summary: 'Open Parascope in a web browser: serves the app on a local port until Ctrl-C.',
    args: [],
    flags: {
      port: {
        kind: 'number',
        value: 'P',
        help: 'TCP port, 0 for any free one (default 0)',
        integer: true,
        min: 0,
        max: 65535,
      },
      host: {
        kind: 'string',
        value: 'ADDRESS',
        help: 'Address to listen on (default 127.0.0.1; others are reachable from the network)',
      },
      open: { kind: 'boolean', help: 'Open the URL in the default browser (default: off)' },
    },
  },
  async ({ flags }, { io, signal, deps }) => {
    if (!existsSync(join(deps.rendererDir, 'index.html'))) {
      println(io.stderr, 'parascope: the renderer is not built: run `npm run build` first');
      return 1;
    }
    const log = (line: string): void => println(io.stderr, line);
    const sampler = deps.createCoreSampler({ hz: SAMPLER_DEFAULT_HZ });
    const host = deps.createHost({
      shell: 'browser',
      version: deps.version,
      topology: deps.createTopologyService(),
      sampler,
      sessions: deps.createSessionRunner({ onOutput: log }),
      log,
    });
    try {
      const shell = await deps.startBrowserShell({
        host,
        port: flags.port ?? 0,
        bindHost: flags.host ?? '127.0.0.1',
        rendererDir: deps.rendererDir,
        log,
      });
      println(io.stdout, `Parascope is running at ${shell.url}`);
      println(io.stdout, 'Press Ctrl-C to stop.');
      if (flags.open) deps.openUrl(shell.url);
      await aborted(signal);
      await shell.close();
    } finally {
      await host.dispose();
      sampler.dispose();
    }
    return 0;
  },
);
