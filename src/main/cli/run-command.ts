/**
 * `parascope run <scenario> [--workers N] [--param k=v …] [--json] [--trace FILE]`: runs a
 * scenario through the session runner (the same code path as the app) and reports its summary.
 * Exit code 0 when the result is right (or there is no expectation), 1 when it differs or the
 * workload failed, 130 when stopped with Ctrl-C.
 */
import { writeFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import type { ParamValues, RunSummary } from '../../shared/scenarios';
import {
  TRACE_FILE_SCHEMA,
  TRACE_SCHEMA_VERSION,
  type TraceEvent,
  type TraceFile,
} from '../../shared/trace-schema';
import type { SessionHandle } from '../host/services';
import { SessionError } from '../session';
import { badValue, rejectedRequest } from './cli-errors';
import { aborted, defineCommand, println, type TextOut } from './command';

/** Exit code after Ctrl-C, as shells report a SIGINT death. */
const INTERRUPTED = 130;

/** `k=v` pairs into parameter values; `v` must be a number (the scenario checks its range). */
function parseParams(pairs: readonly string[]): ParamValues {
  const params: ParamValues = {};
  for (const pair of pairs) {
    const match = /^([A-Za-z_][\w-]*)=(.+)$/.exec(pair);
    const value = match ? Number(match[2]) : NaN;
    if (!match || !Number.isFinite(value)) throw badValue('--param', pair, 'NAME=NUMBER');
    params[match[1]!] = value;
  }
  return params;
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
}

/** The `run` command. */
export const runCommand = defineCommand(
  {
    name: 'run',
    summary: "Run a scenario in its own process and print its summary (see 'parascope scenarios').",
    args: [{ name: 'scenario', help: 'Scenario id, e.g. pool-map' }],
    flags: {
      workers: {
        kind: 'number',
        value: 'N',
        help: 'Worker processes (same as --param workers=N)',
        integer: true,
      },
      param: {
        kind: 'string',
        value: 'NAME=VALUE',
        help: 'Set a scenario parameter (repeatable)',
        repeatable: true,
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
    const scenario = args[0]!;
    const params = parseParams(flags.param ?? []);
    if (flags.workers !== undefined) params.workers = flags.workers;
    const events: TraceEvent[] = [];
    const runner = deps.createSessionRunner({
      // Workload output goes to stderr so stdout stays clean for --json.
      onOutput: (line) => println(io.stderr, line),
    });

    let handle: SessionHandle;
    try {
      handle = runner.start(
        { scenario, params, tracing: flags.trace !== undefined },
        { onTrace: (batch) => void events.push(...batch), onStatus: () => {} },
      );
    } catch (error) {
      if (error instanceof TypeError || error instanceof RangeError) throw rejectedRequest(error);
      throw error;
    }

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
      const data = outcome.error instanceof SessionError ? outcome.error.data : undefined;
      const message = data ? `${data.name}: ${data.message}` : String(outcome.error);
      println(io.stderr, `parascope: ${scenario} failed: ${message}`);
      if (data?.stack) println(io.stderr, data.stack);
      return 1;
    }
    const { summary } = outcome;
    if (flags.json) println(io.stdout, JSON.stringify(summary, null, 2));
    else {
      const title = runner.list().find((s) => s.id === summary.scenario)?.title ?? '';
      printSummary(io.stdout, title, summary, traceNote);
    }
    return summary.ok === false ? 1 : 0;
  },
);
