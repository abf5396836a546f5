/**
 * The `parascope` command line. {@link runCli} takes the words after `parascope` and the
 * streams to write to, and resolves with the exit code, so tests call it in-process and
 * `bin/parascope.mjs` is three lines.
 *
 * Exit codes: 0 success; 1 the work failed (wrong result, workload error, I/O); 2 a mistake in
 * the command line (one line on stderr, never a stack trace); 130 stopped with Ctrl-C.
 */
import { formatCommandHelp, suggest } from './args';
import { flagBeforeCommand, tooManyHelpTopics, unknownCommand, UsageError } from './cli-errors';
import { println, type CliDeps, type CliIo, type Command, type CommandContext } from './command';
import { defaultDeps } from './deps';
import { monitorCommand } from './monitor-command';
import { runCommand } from './run-command';
import { scenariosCommand } from './scenarios-command';
import { serveCommand } from './serve-command';
import { topologyCommand } from './topology-command';

/** The CLI's injectable services and streams (see command.ts). */
export type { CliDeps, CliIo } from './command';

const COMMANDS: readonly Command[] = [
  topologyCommand,
  monitorCommand,
  scenariosCommand,
  runCommand,
  serveCommand,
];

function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length));
  return [
    'Usage: parascope <command> [flags]',
    '',
    'Parascope: a profiler and lab for parallel Node workloads.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.spec.name.padEnd(width)}  ${c.spec.summary}`),
    `  ${'help'.padEnd(width)}  Show help for a command ('parascope help run')`,
    '',
    'Flags:',
    '  -h, --help   Show help (also after any command)',
    '  --version    Print the version',
    '',
  ].join('\n');
}

/** Aborts on `io.signal`, or else on SIGINT/SIGTERM while a command runs; returns the cleanup. */
function interruption(io: CliIo): { signal: AbortSignal; dispose(): void } {
  if (io.signal) return { signal: io.signal, dispose: () => {} };
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (command) return command;
  throw unknownCommand(name, suggest(name, [...COMMANDS.map((c) => c.spec.name), 'help']));
}

async function dispatch(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    io.stdout.write(generalHelp());
    return 0;
  }
  if (first === '--version') {
    println(io.stdout, `parascope ${deps.version}`);
    return 0;
  }
  if (first === 'help') {
    if (rest.length > 1) throw tooManyHelpTopics();
    io.stdout.write(rest[0] === undefined ? generalHelp() : formatCommandHelp(findCommand(rest[0]).spec));
    return 0;
  }
  if (first.startsWith('-')) throw flagBeforeCommand(first);
  const command = findCommand(first);
  const interrupt = interruption(io);
  try {
    const ctx: CommandContext = { io, signal: interrupt.signal, deps };
    const result = await command.execute(rest, ctx);
    if (result === 'help') {
      io.stdout.write(formatCommandHelp(command.spec));
      return 0;
    }
    return result;
  } finally {
    interrupt.dispose();
  }
}

/**
 * Runs the CLI on `argv` (the words after `parascope`) and resolves with the exit code. Never
 * rejects: usage mistakes become one line and code 2, other failures one line and code 1.
 * `deps` replaces services (tests); the defaults are the app's own.
 */
export async function runCli(argv: string[], io: CliIo, deps: Partial<CliDeps> = {}): Promise<number> {
  try {
    return await dispatch(argv, io, { ...defaultDeps(), ...deps });
  } catch (error) {
    if (error instanceof UsageError) {
      println(io.stderr, `parascope: ${error.message}`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    println(io.stderr, `parascope: ${message}`);
    return 1;
  }
}
