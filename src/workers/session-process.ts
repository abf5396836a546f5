/**
 * The session process: runs one workload in its own process, forked by the host's session
 * runner, so a runaway workload can never freeze the UI and Stop can always kill it.
 *
 * Protocol (src/shared/session-protocol.ts): waits for one request. For `start` it imports
 * the module the runner resolved, routes the runtime's trace chunks to the host as `trace`
 * messages (one message per chunk, forwarded undecoded), runs its `main`, and answers `done`
 * with a {@link RunSummary} or `failed` with the error as data (remote stack included; the file
 * and line for a syntax error or a throw in the workload). For `describe` it imports a workload
 * file and answers what it declares (`described`) without running anything. Then it exits 0. It
 * also exits when the host disconnects, so it never outlives its parent.
 *
 * Usage: `fork(session-process)`, then send one {@link ToSession}.
 */
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { expectedFor, hasExpected, type ScenarioContext, type ScenarioModule } from '../scenarios/context';
import {
  describeWorkload,
  loadErrorData,
  loadWorkload,
  withWorkloadLocation,
} from '../scenarios/workload-loader';
import { MissingMainError } from '../scenarios/scenario-errors';
import type { ErrorData } from '../shared/errors';
import { parseParamDeclarations, resolveParamValues } from '../shared/scenario-params';
import type { ParamValues, RunSummary } from '../shared/scenarios';
import type { FromSession, ToSession } from '../shared/session-protocol';
import { newChunkTally, tallyChunk, type TraceChunk } from '../shared/trace-chunk';
// The runtime's own conversion keeps a remote task's stack and maps its error kinds to codes.
import { setTraceSink, toErrorData } from './runtime';
import { selfActor } from './runtime/context/identity';
import { emitTrace, flushTrace, nowUs, tracingActive } from './runtime/context/trace-out';
import { joinNonDaemonChildren } from './runtime/process';
import { prepareUserImport } from './runtime/self-resolve';
import { detectTransport, type Transport } from './transport';

/**
 * Sends the last message and resolves once it was handed to the OS. `process.exit` drops IPC
 * writes still queued, so the outcome (and every trace batch queued before it) must be out first.
 */
function sendLast(transport: Transport, message: FromSession): Promise<void> {
  const send = process.send?.bind(process);
  if (transport.kind !== 'node-ipc' || !send) {
    transport.send(message);
    return Promise.resolve();
  }
  return new Promise<void>((resolve, reject) => {
    send(message, undefined, undefined, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

/**
 * Counts what the summary reports while passing every chunk on, undecoded (`tallyChunk` reads
 * records by their code; only events kept as objects are looked at as objects).
 */
function createTraceCounter(forward: ((chunk: TraceChunk) => void) | null) {
  const tally = newChunkTally();
  return {
    sink(chunk: TraceChunk): void {
      tallyChunk(chunk, tally);
      forward?.(chunk);
    },
    get tasks() {
      return tally.submitted;
    },
    get workers() {
      return tally.workers.size;
    },
  };
}

type Outcome = Extract<FromSession, { type: 'done' | 'failed' | 'described' }>;
type StartRequest = Extract<ToSession, { type: 'start' }>;

/** Imports the module, or answers why not: not-found without a main, else the error with its location. */
async function load(file: string): Promise<ScenarioModule | ErrorData> {
  try {
    // A user's file, anywhere, may import `parascope/runtime` and be TypeScript.
    await prepareUserImport(pathToFileURL(file).href);
    return await loadWorkload(file);
  } catch (error) {
    // A file without main, or one that is gone, is not found; one that fails to load is broken.
    const notFound =
      error instanceof MissingMainError || (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
    return loadErrorData(error, file, toErrorData(error, notFound ? 'not-found' : 'workload-error'));
  }
}

/** `expected` and `ok` for the summary, when the scenario knows the right answer. */
function expectation(
  mod: ScenarioModule,
  params: ParamValues,
  result: unknown,
): Pick<RunSummary, 'expected' | 'ok'> {
  if (!hasExpected(mod)) return {};
  const expected = expectedFor(mod, params);
  return { expected, ok: isDeepStrictEqual(result, expected) };
}

/** A workload file's declared parameters applied to what the user gave (the catalog's are already). */
function paramsFor(start: StartRequest, mod: ScenarioModule): ParamValues {
  if (!start.checkParams) return start.params;
  return resolveParamValues(start.module, parseParamDeclarations(mod.params, start.module), start.params);
}

/** Answers what a workload file declares, without running it. */
async function describe(file: string): Promise<Outcome> {
  const mod = await load(file);
  if (!('main' in mod)) return { type: 'failed', error: mod };
  try {
    return { type: 'described', workload: describeWorkload(mod, file) };
  } catch (error) {
    return { type: 'failed', error: toErrorData(error, 'invalid-payload') };
  }
}

/** Runs one session to its outcome message (never throws). */
async function runSession(start: StartRequest, transport: Transport, ctx: ScenarioContext): Promise<Outcome> {
  const mod = await load(start.module);
  if (!('main' in mod)) return { type: 'failed', error: mod };
  let params: ParamValues;
  try {
    params = paramsFor(start, mod);
  } catch (error) {
    return { type: 'failed', error: toErrorData(error, 'invalid-payload') };
  }
  // The summary needs the counts even when the host asked for no trace, so the sink is
  // always set; only the forwarding depends on `tracing`.
  const forward = (chunk: TraceChunk): void => {
    try {
      // As the runtime made it: the host decodes only what it must.
      transport.send({ type: 'trace', chunk });
    } catch {
      // The host is gone (the disconnect handler ends the process) or an event would not
      // clone; either way the workload itself must not fail because of its trace.
    }
  };
  const counter = createTraceCounter(start.tracing ? forward : null);
  setTraceSink((chunk) => counter.sink(chunk), { format: 'chunks' });
  try {
    const t0 = performance.now();
    const result = await mod.main(ctx, params);
    // Python joins non-daemonic children at exit; so does a session before it reports.
    await joinNonDaemonChildren();
    const durationMs = Math.round((performance.now() - t0) * 1000) / 1000;
    const summary: RunSummary = {
      scenario: start.scenario,
      params,
      result,
      ...expectation(mod, params, result),
      durationMs,
      tasks: counter.tasks,
      workers: counter.workers,
    };
    return { type: 'done', summary };
  } catch (error) {
    return {
      type: 'failed',
      error: withWorkloadLocation(toErrorData(error, 'workload-error'), start.module),
    };
  } finally {
    // Events primitives recorded in this process are still batched: send them before the outcome.
    flushTrace();
    setTraceSink(null);
  }
}

function isRequest(message: unknown): message is ToSession {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  if (typeof m.module !== 'string') return false;
  if (m.type === 'describe') return true;
  return (
    m.type === 'start' && typeof m.scenario === 'string' && typeof m.params === 'object' && m.params !== null
  );
}

function main(): void {
  const transport = detectTransport();
  const controller = new AbortController();
  const ctx: ScenarioContext = {
    signal: controller.signal,
    log: (line) => {
      process.stdout.write(`${line}\n`);
      // The workload's own prints belong in the trace's output, as its children's do.
      if (tracingActive()) emitTrace({ type: 'output', ts: nowUs(), ...selfActor, stream: 'stdout', line });
    },
  };
  let started = false;
  let finishing = false;

  const finish = async (outcome: FromSession): Promise<void> => {
    if (finishing) return;
    finishing = true;
    try {
      await sendLast(transport, outcome);
    } catch (error) {
      // Typically a result that cannot be cloned: report that instead of vanishing.
      const reason = toErrorData(error, 'workload-error');
      await sendLast(transport, { type: 'failed', error: reason }).catch(() => undefined);
    }
    process.exit(0);
  };

  // Ending early (SIGTERM, or the host went away): abort listeners run synchronously, then the
  // whole process group goes, pool workers included. A worker busy in a task would never see
  // its own disconnect, and an orphaned workload would burn CPU nobody can see or stop.
  // (The runner forks this process `detached`, so its pid is its group's id; elsewhere the
  // group kill finds no group and only this process exits.) The app's Stop is SIGKILL to the
  // group from outside, which no handler sees.
  const shutdown = (reason: string): void => {
    controller.abort(new Error(reason));
    if (process.platform !== 'win32') {
      try {
        process.kill(-process.pid, 'SIGKILL');
      } catch {
        // Not a group leader: nothing else to take down.
      }
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => shutdown('the session received SIGTERM'));
  transport.onDisconnect(() => shutdown('the host went away'));
  // Errors escaping `main` (a stray timer, an unawaited promise) still end the session as data.
  process.on(
    'uncaughtException',
    (error) => void finish({ type: 'failed', error: toErrorData(error, 'workload-error') }),
  );
  process.on(
    'unhandledRejection',
    (error) => void finish({ type: 'failed', error: toErrorData(error, 'workload-error') }),
  );

  transport.onMessage((message) => {
    if (started || !isRequest(message)) return;
    started = true;
    const outcome =
      message.type === 'describe' ? describe(message.module) : runSession(message, transport, ctx);
    void outcome.then(finish);
  });
}

main();
