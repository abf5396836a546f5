/**
 * `parascope run <scenario|file> [--param k=v …] [--workers N] [--backend process|thread]
 * [--json] [--trace FILE]`: runs a built-in scenario or a workload file through the session
 * runner (the same code path as the app) and reports its summary. Exit code 0 when the result
 * is right (or there is no expectation), 1 when it differs or the workload failed (or did not
 * load), 2 for a mistake on the command line, 130 when stopped with Ctrl-C. Runs are traced, as
 * in the app, so the summary lists the run's insights (lost updates, items left behind, …).
 */
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { inspect } from 'node:util';
import type { ErrorData } from '../../shared/errors';
import type { RunSummary, ScenarioInfo } from '../../shared/scenarios';
import { decodeChunk, type TraceChunk } from '../../shared/trace-chunk';
import { TRACE_FILE_SCHEMA, TRACE_SCHEMA_VERSION, type TraceFile } from '../../shared/trace-schema';
import type { SessionHandle, SessionRunner } from '../host/services';
import { SessionError } from '../session';
import { looksLikeWorkloadFile } from '../session/workload-file';
import { rejectedRequest } from './cli-errors';
import { aborted, defineCommand, println, type TextOut } from './command';
import { readParams, setsParams, type ParamFlags } from './run-params';

/** Exit code after Ctrl-C, as shells report a SIGINT death. */
const INTERRUPTED = 130;

/** A request the runner rejected synchronously (unknown scenario, bad path or value) is a usage mistake. */
function asUsage<T>(act: () => T): T {
  try {
    return act();
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) throw rejectedRequest(error);
    throw error;
  }
}

/** Prints a failure (`parascope: X failed: Name: message`) and the stack that explains it. */
function printFailure(out: TextOut, what: string, error: unknown): void {
  const data: ErrorData | undefined = error instanceof SessionError ? error.data : undefined;
  const message = data ? `${data.name}: ${data.message}` : String(error);
  println(out, `parascope: ${what}: ${message}`);
  if (data?.stack) println(out, data.stack);
}

/** What a run is of: a catalog scenario (by id) or a workload file (its description read only when needed). */
async function target(
  name: string,
  runner: SessionRunner,
  flags: ParamFlags,
): Promise<{ file: boolean; info: ScenarioInfo | undefined }> {
  const listed = runner.list().find((s) => s.id === name);
  if (listed || !looksLikeWorkloadFile(name)) return { file: false, info: listed };
  // Reading a file's parameters means importing it in a process of its own: only when needed.
  if (!setsParams(flags)) return { file: true, info: undefined };
  try {
    return { file: true, info: await runner.describe(name) };
  } catch (error) {
    return asUsage(() => {
      throw error;
    });
  }
}

/** A value on one line: JSON where possible, `inspect` otherwise. */
function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? inspect(value);
  } catch {
    return inspect(value, { breakLength: Infinity });
  }
}

function printSummary(out: TextOut, title: string, s: RunSummary, traceNote: string | undefined): void {
  const params = Object.entries(s.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const rows: [string, string][] = [
    ['scenario', [s.scenario, title, params && `(${params})`].filter(Boolean).join('  ')],
    ['result', show(s.result)],
  ];
  if ('expected' in s) rows.push(['expected', show(s.expected)], ['ok', s.ok ? 'yes' : 'NO']);
  rows.push(
    ['duration', `${s.durationMs.toFixed(1)} ms`],
    ['tasks', String(s.tasks)],
    ['workers', String(s.workers)],
  );
  if (traceNote) rows.push(['trace', traceNote]);
  for (const [key, value] of rows) println(out, `${key.padEnd(9)} ${value}`);
  for (const insight of s.insights ?? []) {
    println(out, `${'insight'.padEnd(9)} ${insight.kind} (${insight.severity}): ${insight.message}`);
    println(out, `${''.padEnd(9)} fix: ${insight.fix}`);
  }
}

/** The `run` command. */
export const runCommand = defineCommand(
  {
    name: 'run',
    summary:
      "Run a scenario or a workload file in its own process and print its summary (see 'parascope scenarios').",
    args: [
      {
        name: 'scenario',
        help: 'Scenario id (e.g. pool-map), or a .js/.mjs/.cjs/.ts workload file (e.g. ./my-workload.ts)',
      },
    ],
    flags: {
      param: {
        kind: 'string',
        value: 'NAME=VALUE',
        help: 'Set a parameter, read by its kind: 4, 0.5, true, thread (repeatable)',
        repeatable: true,
      },
      workers: {
        kind: 'number',
        value: 'N',
        help: 'Worker processes (same as --param workers=N)',
        integer: true,
      },
      backend: {
        kind: 'string',
        value: 'process|thread',
        help: 'Same as --param backend=…, for a scenario with a backend parameter',
      },
      json: { kind: 'boolean', help: 'Print the RunSummary JSON' },
      trace: {
        kind: 'string',
        value: 'FILE',
        help: 'Write every trace event to FILE (Parascope trace JSON)',
      },
    },
  },
  async ({ args, flags }, { io, signal, deps }) => {
    const name = args[0]!;
    // Kept as they come, and only for --trace: decoded once, into the file, when the run ends.
    const chunks: TraceChunk[] = [];
    const runner = deps.createSessionRunner({
      // Workload output goes to stderr so stdout stays clean for --json.
      onOutput: (line) => println(io.stderr, line),
    });

    let what: Awaited<ReturnType<typeof target>>;
    try {
      what = await target(name, runner, flags);
    } catch (error) {
      // The file exists but does not load: a syntax error, no main, a throw at import.
      if (!(error instanceof SessionError)) throw error;
      printFailure(io.stderr, `${name} did not load`, error);
      return 1;
    }
    const params = readParams(flags, what.info?.params, what.info?.id ?? name);
    // Always traced, as in the app: the summary's insights are read from the trace.
    const tracing = true;
    const keep = flags.trace !== undefined;
    const observer = {
      onTrace: (chunk: TraceChunk) => void (keep && chunks.push(chunk)),
      onStatus: () => {},
    };
    const handle: SessionHandle = asUsage(() =>
      runner.start(
        what.file ? { file: name, params, tracing } : { scenario: name, params, tracing },
        observer,
      ),
    );
    const scenario = handle.scenario;

    const interrupted = aborted(signal).then(() => 'interrupted' as const);
    const outcome = await Promise.race([
      handle.done.then(
        (summary) => ({ summary }),
        (error: unknown) => ({ error }),
      ),
      interrupted,
    ]);
    if (outcome === 'interrupted') {
      await handle.stop();
      println(io.stderr, `parascope: ${scenario} stopped`);
      return INTERRUPTED;
    }

    let traceNote: string | undefined;
    if (flags.trace !== undefined) {
      const events = chunks.flatMap(decodeChunk);
      const file: TraceFile = { schema: TRACE_FILE_SCHEMA, version: TRACE_SCHEMA_VERSION, scenario, events };
      try {
        await writeFile(flags.trace, `${JSON.stringify(file)}\n`);
        traceNote = `${events.length} events written to ${flags.trace}`;
      } catch (error) {
        println(
          io.stderr,
          `parascope: cannot write the trace to ${flags.trace}: ${(error as Error).message}`,
        );
        return 1;
      }
    }

    if ('error' in outcome) {
      printFailure(io.stderr, `${name} failed`, outcome.error);
      return 1;
    }
    const { summary } = outcome;
    if (flags.json) println(io.stdout, JSON.stringify(summary, null, 2));
    else {
      const title = what.info?.title ?? (what.file ? basename(scenario) : '');
      printSummary(io.stdout, title, summary, traceNote);
    }
    return summary.ok === false ? 1 : 0;
  },
);
