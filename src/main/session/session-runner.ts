/**
 * The session runner: runs each workload in its own child process (the session process,
 * src/workers/session-process.ts) and reports its trace batches and status changes.
 *
 * The child is forked `detached`, so it leads its own process group and its pool workers
 * join it: Stop kills the whole group at once, however deep the tree.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SessionState, SessionStatus } from '../../shared/contract';
import type { ErrorData } from '../../shared/errors';
import type { ParamValues, RunSummary, ScenarioInfo } from '../../shared/scenarios';
import type { FromSession, ToSession } from '../../shared/session-protocol';
import { findScenario, listScenarios, scenarioModulePath } from '../../scenarios/catalog';
import type { SessionHandle, SessionObserver, SessionRunner } from '../host/services';
import { monotonicUs } from '../host/trace-clock';
import { resolveParams } from './params';
import { killProcessGroup, waitForProcessGroup } from './process-group';
import {
  badRequest,
  SessionError,
  sessionProcessDied,
  sessionSpawnFailed,
  sessionStopped,
  unknownScenario,
} from './session-errors';

/** Which session printed a line, and on which stream. */
export interface OutputSource {
  sessionId: string;
  stream: 'stdout' | 'stderr';
}

/** A workload outside the public catalog: its description and its module file. */
export interface Workload {
  info: ScenarioInfo;
  /** Absolute path of the module (exports `main`, optionally `expected`). */
  modulePath: string;
}

/** Options of {@link createSessionRunner}. */
export interface SessionRunnerOptions {
  /**
   * Receives every line a session process (or its workers) prints. Defaults to this
   * process's stderr, prefixed with the session id, so output is never lost.
   */
  onOutput?: (line: string, source: OutputSource) => void;
  /**
   * Extra workloads `start` accepts by `info.id`, in addition to the catalog (tests, and user
   * workload files). `list()` still shows only the catalog.
   */
  workloads?: readonly Workload[];
  /** The session process entry; defaults to `src/workers/session-process` next to this tree. */
  sessionEntry?: string;
}

/** Longest `stop()` waits before resolving regardless. */
const STOP_BUDGET_MS = 1000;
/** Lines of stderr kept to explain an unexpected death. */
const STDERR_TAIL_LINES = 20;

const here = fileURLToPath(import.meta.url);

/** The session process next to this tree, with this file's extension (`.ts` from source, `.js` built). */
function defaultSessionEntry(): string {
  return join(dirname(here), '..', '..', 'workers', `session-process${extname(here)}`);
}

/** Node flags a child needs to run `entry`: the tsx loader for TypeScript sources. */
function execArgvFor(entry: string): string[] {
  if (!entry.endsWith('.ts')) return [];
  const loader = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(loader).href];
}

/** Resolves when `promise` does or after `ms`, whichever is first (never rejects). */
function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise.then(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

function forwardLines(stream: Readable | null, onLine: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
}

/** Creates a {@link SessionRunner} that forks one session process per run. */
export function createSessionRunner(options: SessionRunnerOptions = {}): SessionRunner {
  const entry = options.sessionEntry ?? defaultSessionEntry();
  const workloads = new Map((options.workloads ?? []).map((w) => [w.info.id, w]));
  const onOutput =
    options.onOutput ??
    ((line: string, source: OutputSource) =>
      void process.stderr.write(`[session ${source.sessionId.slice(0, 8)}] ${line}\n`));

  function resolveWorkload(id: unknown): Workload {
    if (typeof id === 'string') {
      const entry = findScenario(id);
      if (entry) return { info: entry, modulePath: scenarioModulePath(entry) };
      const extra = workloads.get(id);
      if (extra) return extra;
    }
    throw unknownScenario(
      id,
      listScenarios().map((s) => s.id),
    );
  }

  return {
    list: listScenarios,
    start(request, observer) {
      if (typeof request !== 'object' || request === null) throw badRequest('request', 'an object');
      const workload = resolveWorkload(request.scenario);
      const params = resolveParams(workload.info, request.params);
      return launch({
        sessionId: randomUUID(),
        scenario: workload.info.id,
        modulePath: workload.modulePath,
        params,
        tracing: request.tracing ?? true,
        entry,
        observer,
        onOutput,
      });
    },
  };
}

interface LaunchOptions {
  sessionId: string;
  scenario: string;
  modulePath: string;
  params: ParamValues;
  tracing: boolean;
  entry: string;
  observer: SessionObserver;
  onOutput: (line: string, source: OutputSource) => void;
}

function launch(o: LaunchOptions): SessionHandle {
  const { sessionId, scenario, observer } = o;
  // Time zero of the session's timeline, on the trace clock (before the fork, so every event is after it).
  const startedUs = monotonicUs();
  const child: ChildProcess = fork(o.entry, [o.modulePath], {
    execArgv: execArgvFor(o.entry),
    detached: true,
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const pid = child.pid;

  let outcome: Extract<FromSession, { type: 'done' | 'failed' }> | undefined;
  let spawnError: Error | undefined;
  let stopRequested = false;
  let exit: { code: number | null; signal: string | null } | undefined;
  /** When the process was seen to end (or failed to start), on the trace clock. */
  let endedUs: number | undefined;

  let resolveDone!: (summary: RunSummary) => void;
  let rejectDone!: (error: SessionError) => void;
  const done = new Promise<RunSummary>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  // `done` may legitimately go unobserved (the host listens to statuses instead).
  done.catch(() => undefined);

  const stderrTail: string[] = [];
  forwardLines(child.stdout, (line) => o.onOutput(line, { sessionId, stream: 'stdout' }));
  forwardLines(child.stderr, (line) => {
    stderrTail.push(line);
    if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
    o.onOutput(line, { sessionId, stream: 'stderr' });
  });

  const status = (state: SessionState, extra: { summary?: RunSummary; error?: ErrorData } = {}): void =>
    observer.onStatus({
      sessionId,
      scenario,
      state,
      startedUs,
      // Every status but 'running' is final.
      ...(state === 'running' ? {} : { endedUs: endedUs ?? monotonicUs() }),
      ...extra,
    } satisfies SessionStatus);

  child.on('message', (message: FromSession) => {
    if (outcome) return;
    if (message.type === 'trace') observer.onTrace(message.events);
    else if (message.type === 'done' || message.type === 'failed') outcome = message;
  });

  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      endedUs = monotonicUs();
      resolve();
    });
    child.once('error', (error) => {
      // Also emitted for a failed kill/send on a live child: only a spawn failure ends it.
      if (child.pid === undefined) {
        spawnError = error;
        endedUs = monotonicUs();
        resolve();
      }
    });
  });
  // 'close' comes after 'exit' once stdio is drained, so no output line trails the status.
  const closed = new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.once('error', () => child.pid === undefined && resolve());
  });

  const fail = (error: ErrorData): void => {
    status('failed', { error });
    rejectDone(new SessionError(error));
  };
  /** The final status, from what the session said before it went (or how it went). */
  const settle = (): void => {
    if (outcome?.type === 'done') {
      status('finished', { summary: outcome.summary });
      resolveDone(outcome.summary);
    } else if (outcome?.type === 'failed') fail(outcome.error);
    else if (spawnError) fail(sessionSpawnFailed(spawnError));
    else if (stopRequested) {
      status('stopped');
      rejectDone(new SessionError(sessionStopped()));
    } else fail(sessionProcessDied(exit?.code ?? null, exit?.signal ?? null, stderrTail));
  };

  const finished = (async () => {
    await exited;
    if (pid !== undefined) {
      // Stray workers of a workload that never closed its pool die with their session.
      killProcessGroup(pid);
      await within(closed, STOP_BUDGET_MS);
      await waitForProcessGroup(pid, Date.now() + STOP_BUDGET_MS);
    }
    settle();
  })();

  const start: ToSession = { type: 'start', scenario, params: o.params, tracing: o.tracing };
  child.send(start, (error) => {
    // The child died before it could read the request: 'exit' reports that.
    if (error && pid !== undefined) killProcessGroup(pid);
  });
  queueMicrotask(() => status('running'));

  let stopping: Promise<void> | undefined;
  return {
    sessionId,
    scenario,
    done,
    stop() {
      if (!stopping) {
        if (exit === undefined && pid !== undefined) {
          stopRequested = outcome === undefined;
          killProcessGroup(pid);
        }
        stopping = within(finished, STOP_BUDGET_MS);
      }
      return stopping;
    },
  };
}
