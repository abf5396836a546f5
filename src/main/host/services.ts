/**
 * The host's services as interfaces. Both shells (Electron and browser) and the CLI are
 * built from the same implementations of these; tests substitute fakes.
 */
import type { CoreSample } from '../../shared/samples';
import type { RunSummary, ScenarioInfo, WorkloadInfo } from '../../shared/scenarios';
import type { SessionStartRequest, SessionStatus } from '../../shared/contract';
import type { Topology } from '../../shared/topology';
import type { TraceChunk } from '../../shared/trace-chunk';

/** Reads the CPU topology (sysfs on Linux, systeminformation elsewhere). */
export interface TopologyService {
  read(): Promise<Topology>;
}

/**
 * Samples per-core utilisation at a fixed rate: on Linux from `/proc/stat` on a thread of its own,
 * delivered in groups (`deliveryMs`), elsewhere from `os.cpus()` deltas on a timer.
 */
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
  /**
   * A batch of trace events, packed as the runtime wrote it (in order of arrival; each batch is
   * in time order per worker). Passed on undecoded: only a final consumer decodes it.
   */
  onTrace(chunk: TraceChunk): void;
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
  /**
   * Starts a session of a catalog scenario or a workload file; throws TypeError/RangeError for an
   * unknown scenario, a missing file or bad params (a file's params are checked by its session,
   * which then fails with the error naming the parameter).
   */
  start(request: SessionStartRequest & { tracing?: boolean }, observer: SessionObserver): SessionHandle;
  /**
   * Reads what a workload file declares, importing it in a session process of its own. Rejects
   * with a TypeError for a path that is not an existing `.js/.mjs/.cjs/.ts` file, and with an
   * Error carrying the error as data (`SessionError.data`) when the file does not load.
   */
  describe(file: string): Promise<WorkloadInfo>;
}

/** The recently opened workload files, kept by the host across runs. */
export interface RecentFiles {
  /** Newest first. */
  list(): Promise<string[]>;
  /** Moves (or adds) `path` to the front and answers the new list. */
  add(path: string): Promise<string[]>;
}
