/**
 * The host façade: one object that answers every call of the contract and fans out every
 * push, built from the services. Both shells (Electron IPC and the browser shell's
 * WebSocket) sit on top of it, so validation and error mapping happen once, here.
 */
import os from 'node:os';
import { isInvokeChannel, parseRequest } from '../../shared/contract-schema';
import type {
  HostInfo,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  PushChannel,
  PushMap,
  SessionStatus,
  ShellKind,
} from '../../shared/contract';
import { describeValue, failure, success, type ErrorData, type Result } from '../../shared/errors';
import type { TraceChunk } from '../../shared/trace-chunk';
import {
  badHostDependency,
  hostDisposed,
  invalidPayload,
  sessionBusy,
  sessionNotFound,
  toErrorData,
  unknownChannel,
} from './host-errors';
import { createRecentFiles } from './recent-files';
import type { CoreSampler, RecentFiles, SessionHandle, SessionRunner, TopologyService } from './services';
import { SessionRecord } from './session-record';
import { monotonicUs } from './trace-clock';
import { workloadHandlers } from './workload-handlers';

/** Receives every push; the channel narrows the payload. */
export type PushListener = <C extends PushChannel>(channel: C, payload: PushMap[C]) => void;

/** What {@link createHost} needs. */
export interface HostDeps {
  shell: ShellKind;
  version: string;
  topology: TopologyService;
  sampler: CoreSampler;
  sessions: SessionRunner;
  /** One line per rejected call or failed listener; defaults to stderr. */
  log?: (line: string) => void;
  /** The trace clock (µs) stamped on trace batches and `session:current`; defaults to {@link monotonicUs}. */
  clock?: () => number;
  /** Recently opened workload files; defaults to the JSON file in the user's config directory. */
  recentFiles?: RecentFiles;
  /** The shell's file dialog (Electron); without it `workload:pick` answers that there is none. */
  pickWorkloadFile?: () => Promise<string | null>;
}

/** The host as both shells see it. */
export interface Host {
  /** Handles one untrusted call. Never throws: unknown channel, invalid payload, and service errors all come back as { ok:false, error: ErrorData }. */
  invoke(channel: unknown, payload: unknown): Promise<Result<unknown>>;
  /**
   * Every push (samples, session trace batches, session status) goes to every subscriber. The
   * sampler runs only while at least one subscriber exists.
   */
  subscribe(listener: PushListener): () => void;
  /** Stops the sampler and any running session. */
  dispose(): Promise<void>;
}

/** A handler's outcome: the response, or an error to return as data. */
type Outcome<C extends InvokeChannel> = Result<InvokeResponse<C>>;
type Handlers = { [C in InvokeChannel]: (request: InvokeRequest<C>) => Outcome<C> | Promise<Outcome<C>> };

/** How many ended session ids `session:stop` still recognises (answering `stopped: false`). */
const REMEMBERED_SESSIONS = 64;

/** Creates the host façade over the given services. */
export function createHost(deps: HostDeps): Host {
  checkDeps(deps);
  const { topology, sampler, sessions } = deps;
  const log = deps.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const clock = deps.clock ?? monotonicUs;
  const listeners = new Set<PushListener>();
  let stopSampling: (() => void) | undefined;
  let active: SessionHandle | undefined;
  const ended: string[] = [];
  /** The newest session started (or being started), and the one `session:current` answers with. */
  let newest: SessionRecord | undefined;
  let shown: SessionRecord | undefined;
  let disposed = false;

  function emit<C extends PushChannel>(channel: C, payload: PushMap[C]): void {
    for (const listener of [...listeners]) {
      // One faulty subscriber (e.g. a closed window) must not starve the others.
      try {
        listener(channel, payload);
      } catch (error) {
        log(`host: push listener failed on ${channel}: ${toErrorData(error, 'internal').message}`);
      }
    }
  }

  function rememberEnded(sessionId: string): void {
    if (!ended.includes(sessionId)) ended.push(sessionId);
    if (ended.length > REMEMBERED_SESSIONS) ended.shift();
  }

  function startSession(request: InvokeRequest<'session:start'>): Outcome<'session:start'> {
    if (active) return failure(sessionBusy(active.sessionId));
    let handle: SessionHandle | undefined;
    let over = false;
    // Chunks reported before start() returns have no session id yet; send them right after.
    const early: TraceChunk[] = [];
    const record = new SessionRecord();
    const before = { newest, shown };
    newest = record;
    const settle = (): void => {
      over = true;
      if (handle) rememberEnded(handle.sessionId);
      if (active && active === handle) active = undefined;
    };
    try {
      handle = sessions.start(
        { ...request, tracing: true },
        {
          onTrace(chunk) {
            // Kept and pushed as it came: the host never decodes a chunk.
            record.add(chunk);
            if (handle) emit('session:trace', { sessionId: handle.sessionId, chunk, hostNowUs: clock() });
            else early.push(chunk);
          },
          onStatus(status: SessionStatus) {
            record.status = status;
            // A stopped session's late status must not displace the run that replaced it.
            if (newest === record) shown = record;
            emit('session:status', status);
            if (status.state !== 'running') settle();
          },
        },
      );
    } catch (error) {
      ({ newest, shown } = before);
      if (error instanceof TypeError || error instanceof RangeError) {
        return failure(invalidPayload(error.message, error.name));
      }
      return failure(toErrorData(error, 'internal'));
    }
    const started = handle;
    for (const chunk of early) {
      emit('session:trace', { sessionId: started.sessionId, chunk, hostNowUs: clock() });
    }
    if (over) rememberEnded(started.sessionId);
    else active = started;
    // Whatever the runner reports, a settled `done` means the slot is free again.
    started.done.then(settle, settle);
    return success({ sessionId: started.sessionId });
  }

  async function stopSession(sessionId: string): Promise<Outcome<'session:stop'>> {
    const handle = active;
    if (handle && handle.sessionId === sessionId) {
      await handle.stop();
      rememberEnded(sessionId);
      if (active === handle) active = undefined;
      return success({ stopped: true });
    }
    if (ended.includes(sessionId)) return success({ stopped: false });
    return failure(sessionNotFound(sessionId));
  }

  const handlers: Handlers = {
    'host:info': () =>
      success<HostInfo>({
        shell: deps.shell,
        version: deps.version,
        cpus: os.cpus().length || os.availableParallelism(),
        samplerHz: sampler.hz,
        filePicker: deps.pickWorkloadFile !== undefined,
      }),
    'topology:get': async () => success(await topology.read()),
    'sampler:set-rate': ({ hz }) => {
      try {
        sampler.setRate(hz);
      } catch (error) {
        if (error instanceof RangeError || error instanceof TypeError) {
          return failure(invalidPayload(error.message, error.name));
        }
        throw error;
      }
      return success({ hz: sampler.hz });
    },
    'scenarios:list': () => success(sessions.list()),
    'session:start': startSession,
    'session:stop': ({ sessionId }) => stopSession(sessionId),
    'session:current': () => success(shown?.snapshot(clock()) ?? null),
    ...workloadHandlers({
      sessions,
      recentFiles: deps.recentFiles ?? createRecentFiles(),
      pickWorkloadFile: deps.pickWorkloadFile,
      log,
    }),
  };

  async function dispatch<C extends InvokeChannel>(channel: C, payload: unknown): Promise<Result<unknown>> {
    const parsed = parseRequest(channel, payload);
    if (!parsed.ok) return reject(channel, invalidPayload(parsed.message));
    const handler = handlers[channel] as (request: InvokeRequest<C>) => Outcome<C> | Promise<Outcome<C>>;
    let outcome: Outcome<C>;
    try {
      outcome = await handler(parsed.value);
    } catch (error) {
      return reject(channel, toErrorData(error, 'internal'));
    }
    return outcome.ok ? outcome : reject(channel, outcome.error);
  }

  function reject(channel: string, error: ErrorData): Result<unknown> {
    log(`host: rejected ${channel} (${error.code}): ${error.message}`);
    return failure(error);
  }

  return {
    async invoke(channel, payload) {
      try {
        if (disposed) return reject(describeValue(channel), hostDisposed());
        if (!isInvokeChannel(channel)) return reject(describeValue(channel), unknownChannel(channel));
        return await dispatch(channel, payload);
      } catch (error) {
        // Only reachable through hostile payloads (e.g. throwing getters); still answer as data.
        return reject(describeValue(channel), toErrorData(error, 'internal'));
      }
    },

    subscribe(listener) {
      if (typeof listener !== 'function') throw badHostDependency('listener', 'a function');
      if (disposed) return () => {};
      listeners.add(listener);
      if (!stopSampling) stopSampling = sampler.subscribe((sample) => emit('sampler:sample', sample));
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        listeners.delete(listener);
        if (listeners.size === 0 && stopSampling) {
          stopSampling();
          stopSampling = undefined;
        }
      };
    },

    async dispose() {
      if (disposed) return;
      disposed = true;
      listeners.clear();
      stopSampling?.();
      stopSampling = undefined;
      sampler.dispose();
      const running = active;
      active = undefined;
      if (running) {
        try {
          await running.stop();
        } catch (error) {
          log(
            `host: stopping session ${running.sessionId} on dispose failed: ${toErrorData(error, 'internal').message}`,
          );
        }
      }
    },
  };
}

function checkDeps(deps: HostDeps): void {
  if (typeof deps !== 'object' || deps === null) throw badHostDependency('deps', 'an object');
  if (deps.shell !== 'electron' && deps.shell !== 'browser')
    throw badHostDependency('deps.shell', '"electron" or "browser"');
  if (typeof deps.version !== 'string') throw badHostDependency('deps.version', 'a string');
  if (typeof deps.topology?.read !== 'function')
    throw badHostDependency('deps.topology', 'a TopologyService');
  if (typeof deps.sampler?.subscribe !== 'function') throw badHostDependency('deps.sampler', 'a CoreSampler');
  if (typeof deps.sessions?.start !== 'function') throw badHostDependency('deps.sessions', 'a SessionRunner');
  if (deps.log !== undefined && typeof deps.log !== 'function')
    throw badHostDependency('deps.log', 'a function');
  if (deps.recentFiles !== undefined && typeof deps.recentFiles?.add !== 'function')
    throw badHostDependency('deps.recentFiles', 'a RecentFiles');
  if (deps.pickWorkloadFile !== undefined && typeof deps.pickWorkloadFile !== 'function')
    throw badHostDependency('deps.pickWorkloadFile', 'a function');
}
