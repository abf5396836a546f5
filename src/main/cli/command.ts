/** What every CLI command is given and how the command table is typed. */
import type { startBrowserShell } from '../browser-shell';
import type { createHost } from '../host/host';
import type { CoreSampler, SessionRunner, TopologyService } from '../host/services';
import type { SessionRunnerOptions } from '../session';
import { parseArgs, type CommandSpec, type FlagSpec, type ParsedArgs } from './args';

/** Somewhere text goes (`process.stdout`, or a buffer in tests). */
export interface TextOut {
  write(text: string): unknown;
}

/** The CLI's streams, and optionally an external interrupt (tests; defaults to SIGINT/SIGTERM). */
export interface CliIo {
  stdout: TextOut;
  stderr: TextOut;
  /** When aborted, a running command stops as on Ctrl-C. */
  signal?: AbortSignal;
}

/** The services the commands are built from: the app's own implementations by default. */
export interface CliDeps {
  version: string;
  /** The built renderer served by `serve`. */
  rendererDir: string;
  createTopologyService(): TopologyService;
  createCoreSampler(options: { hz: number; deliveryMs?: number }): CoreSampler;
  createSessionRunner(options: SessionRunnerOptions): SessionRunner;
  createHost: typeof createHost;
  startBrowserShell: typeof startBrowserShell;
  /** Opens a URL in the user's browser (best effort). */
  openUrl(url: string): void;
}

/** Everything a command's `run` receives besides its arguments. */
export interface CommandContext {
  io: CliIo;
  /** Aborted on Ctrl-C (SIGINT), SIGTERM, or `io.signal`. */
  signal: AbortSignal;
  deps: CliDeps;
}

/** A command as the dispatcher sees it: its declaration and a parse-and-run entry. */
export interface Command {
  spec: CommandSpec;
  execute(argv: readonly string[], ctx: CommandContext): Promise<number | 'help'>;
}

/** Declares a command: the flags' types flow from `spec` into `run`. */
export function defineCommand<F extends Record<string, FlagSpec>>(
  spec: CommandSpec<F>,
  run: (parsed: ParsedArgs<F>, ctx: CommandContext) => Promise<number>,
): Command {
  return {
    spec,
    async execute(argv, ctx) {
      const parsed = parseArgs(spec, argv);
      return parsed.help ? 'help' : run(parsed, ctx);
    },
  };
}

/** Writes one line (adds the newline). */
export function println(out: TextOut, line = ''): void {
  out.write(`${line}\n`);
}

/** Resolves when `signal` aborts (immediately if it already has). */
export function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
