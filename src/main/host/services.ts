/**
 * The host's services as interfaces. Both shells (Electron and browser) and the CLI are
 * built from the same implementations of these; tests substitute fakes.
 */
import type { CoreSample } from '../../shared/samples';
import type { ParamValues, RunSummary, ScenarioInfo } from '../../shared/scenarios';
import type { SessionStatus } from '../../shared/contract';
import type { Topology } from '../../shared/topology';
import type { TraceEvent } from '../../shared/trace-schema';

/** Reads the CPU topology (sysfs on Linux, systeminformation elsewhere). */
export interface TopologyService {
  read(): Promise<Topology>;
}

/** Samples per-core utilisation from `os.cpus()` deltas at a fixed rate. */
export interface CoreSampler {
  /** Current rate in Hz. */
  readonly hz: number;
  /** Changes the rate; throws RangeError outside SAMPLER_MIN_HZ..SAMPLER_MAX_HZ. */
  setRate(hz: number): void;
  /** Starts sampling if not running; each sample goes to every listener. Returns unsubscribe. */
  subscribe(listener: (sample: CoreSample) => void): () => void;
  /** Stops the timer and drops every listener. */
  dispose(): void;
}

/** Callbacks a session reports through. */
export interface SessionObserver {
  /** A batch of trace events (in order of arrival; each batch is in time order per worker). */
  onTrace(events: TraceEvent[]): void;
  /** A state change; the final one is 'finished', 'failed' or 'stopped'. */
  onStatus(status: SessionStatus): void;
}

/** A running session. */
export interface SessionHandle {
  readonly sessionId: string;
  readonly scenario: string;
  /** Resolves with the summary, or rejects with an Error carrying the workload's error. */
  readonly done: Promise<RunSummary>;
  /** Kills the session process tree; resolves within a second, once it is gone. */
  stop(): Promise<void>;
}

/** Runs workloads, each in its own child process. */
export interface SessionRunner {
  /** Scenario ids and their parameters. */
  list(): ScenarioInfo[];
  /** Starts a session; throws TypeError/RangeError for unknown scenarios or bad params. */
  start(
    request: { scenario: string; params: ParamValues; tracing?: boolean },
    observer: SessionObserver,
  ): SessionHandle;
}
