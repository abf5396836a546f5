/**
 * The session runner: runs each workload in its own child process (the session process,
 * src/workers/session-process.ts) and reports its trace batches and status changes.
 *
 * The child is forked `detached`, so it leads its own process group and its pool workers
 * join it: Stop kills the whole group at once, however deep the tree.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { SessionState, SessionStatus } from '../../shared/contract';
import type { ErrorData } from '../../shared/errors';
import type { ParamValues, RunSummary, ScenarioInfo } from '../../shared/scenarios';
import type { FromSession, ToSession } from '../../shared/session-protocol';
import { findScenario, listScenarios, scenarioModulePath } from '../../scenarios/catalog';
import type { SessionHandle, SessionObserver, SessionRunner } from '../host/services';
import { monotonicUs } from '../host/trace-clock';
import { describeWorkloadFile } from './describe-workload';
import { resolveParams } from './params';
import { killProcessGroup, waitForProcessGroup } from './process-group';
import { TraceKeeper, withInsights } from './run-insights';
import {
  badRequest,
  scenarioOrFile,
  SessionError,
  sessionProcessDied,
  sessionSpawnFailed,
  sessionStopped,
  unknownScenario,
} from './session-errors';
import { defaultSessionEntry, forkSession, forwardLines, within } from './session-fork';
import { resolveWorkloadFile } from './workload-file';

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
  /** Where relative workload file paths start; defaults to `process.cwd()`. */
  cwd?: string;
  /** Longest reading a workload file's description may take (default 30 s). */
  describeTimeoutMs?: number;
}

/** Longest `stop()` waits before resolving regardless. */
const STOP_BUDGET_MS = 1000;
/** Lines of stderr kept to explain an unexpected death. */
const STDERR_TAIL_LINES = 20;
/** Default bound on importing a workload file to read its description (tsx compiles on a busy machine). */
const DESCRIBE_TIMEOUT_MS = 30_000;

/** What `start` resolved a request to: the module to run and how its params are checked. */
interface Resolved {
  scenario: string;
  module: string;
  params: ParamValues;
  /** The module's own `params` export decides (a file: only its session process can read it). */
  checkParams: boolean;
}

/** Creates a {@link SessionRunner} that forks one session process per run. */
export function createSessionRunner(options: SessionRunnerOptions = {}): SessionRunner {
  const entry = options.sessionEntry ?? defaultSessionEntry();
  const cwd = options.cwd ?? process.cwd();
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

  function resolveRequest(request: unknown): Resolved {
    if (typeof request !== 'object' || request === null) throw badRequest('request', 'an object');
    const { scenario, file, params } = request as { scenario?: unknown; file?: unknown; params?: unknown };
    if ((scenario === undefined) === (file === undefined)) throw scenarioOrFile();
    if (file !== undefined) {
      const module = resolveWorkloadFile(file, cwd);
      if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
        throw badRequest('params', 'an object of parameter name → value');
      }
      return { scenario: module, module, params: (params ?? {}) as ParamValues, checkParams: true };
    }
    const workload = resolveWorkload(scenario);
    const resolved = resolveParams(workload.info, params);
    return { scenario: workload.info.id, module: workload.modulePath, params: resolved, checkParams: false };
  }

  return {
    list: listScenarios,
    start(request, observer) {
      return launch({
        ...resolveRequest(request),
        sessionId: randomUUID(),
        tracing: request.tracing ?? true,
        entry,
        observer,
        onOutput,
      });
    },
    async describe(file) {
      const path = resolveWorkloadFile(file, cwd);
      return describeWorkloadFile(path, {
        entry,
        timeoutMs: options.describeTimeoutMs ?? DESCRIBE_TIMEOUT_MS,
        onOutput,
      });
    },
  };
}

interface LaunchOptions extends Resolved {
  sessionId: string;
  tracing: boolean;
  entry: string;
  observer: SessionObserver;
  onOutput: (line: string, source: OutputSource) => void;
}

function launch(o: LaunchOptions): SessionHandle {
  const { sessionId, scenario, observer } = o;
  // Time zero of the session's timeline, on the trace clock (before the fork, so every event is after it).
  const startedUs = monotonicUs();
  const child: ChildProcess = forkSession(o.entry);
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

  // A bounded copy of the trace for the insights computed when the run ends.
  const kept = o.tracing ? new TraceKeeper() : undefined;

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
    if (message.type === 'trace') {
      // Passed on as it came: only the final consumers (insights at the end, a page) decode.
      kept?.add(message.chunk);
      observer.onTrace(message.chunk);
    } else if (message.type === 'done' || message.type === 'failed') outcome = message;
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
      // Every batch came before 'done' (the session flushes its trace first), so the kept trace is whole.
      const summary = kept
        ? withInsights(outcome.summary, kept.list(), undefined, (error) =>
            o.onOutput(`parascope: no insights for this run: ${String(error)}`, {
              sessionId,
              stream: 'stderr',
            }),
          )
        : outcome.summary;
      status('finished', { summary });
      resolveDone(summary);
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

  const start: ToSession = {
    type: 'start',
    scenario,
    module: o.module,
    params: o.params,
    checkParams: o.checkParams,
    tracing: o.tracing,
  };
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
