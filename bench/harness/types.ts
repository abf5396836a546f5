/**
 * The shapes the harness produces: one {@link CaseResult} per case and the {@link BenchResults}
 * written to `bench/results.json`. `ratio` is always `parascope / peer`; whether higher or lower
 * is better is part of the case's {@link Target}.
 */

/** Every case id the issue names, measurable today or not. */
export const CASE_IDS = [
  'map-throughput',
  'task-throughput',
  'lock-process',
  'lock-thread',
  'queue-throughput',
  'tracing-overhead',
  'event-pipeline',
  'sampler-cost',
] as const;

/** One case id. */
export type CaseId = (typeof CASE_IDS)[number];

/** A target: which number it applies to, the comparison, and the wording. */
export interface Target {
  /** `ratio` (parascope / peer) or `parascope` (the absolute number, for cases without a peer). */
  metric: 'ratio' | 'parascope';
  op: '>=' | '<=';
  value: number;
  /** The target as the issue states it, for the table. */
  text: string;
}

/**
 * One comparison inside a case. A case with two peers (`task-throughput`: Python and piscina)
 * or two workloads (the lock cases: uncontended and contended; `tracing-overhead`: the map and
 * the task half) has one part per comparison, each judged against its own target.
 */
export interface CasePart {
  /** What this part compares, e.g. "vs piscina", "contended", "task half". */
  label: string;
  parascope: number;
  peer: number;
  peerName: string;
  unit: string;
  /** `parascope / peer`. */
  ratio: number;
  target: Target;
  met: boolean;
}

/** Whether a case produced numbers. */
export type CaseStatus = 'measured' | 'not-yet-measurable' | 'error';

/** One row of the results. */
export interface CaseResult {
  id: CaseId;
  status: CaseStatus;
  /** Median of Parascope's runs, in `unit`; null unless measured. */
  parascope: number | null;
  /** Median of the peer's runs, in `unit`; null without a peer or unless measured. */
  peer: number | null;
  /** What the peer is (e.g. "Python multiprocessing.Pool(2).map"); null when there is none. */
  peerName: string | null;
  unit: string;
  /** `parascope / peer` (medians); null without a peer or unless measured. */
  ratio: number | null;
  target: Target;
  /** Whether the target is met (every part's, when there are parts); null unless measured. */
  met: boolean | null;
  /**
   * The comparisons, when the case has more than one. The row's own numbers are then the first
   * part's (the headline), and `met` says whether every part met its target.
   */
  parts?: CasePart[];
  /** Why a case is not measured, or a caveat about how it was. */
  note?: string;
  /** Everything else a reader may want: raw samples, sizes, secondary measurements. */
  details?: Record<string, unknown>;
}

/** The machine a run happened on. */
export interface MachineInfo {
  cpuModel: string;
  /** Logical CPUs available to this process. */
  cores: number;
  os: string;
  node: string;
  python: string;
  /** ISO time the run started. */
  date: string;
  /** 1-minute load average when the run started and ended (other work on a shared machine). */
  loadAverage: { start: number; end: number };
}

/** How large a run is. */
export type BenchMode = 'full' | 'quick' | 'tiny';

/** Contents of `bench/results.json`. */
export interface BenchResults {
  machine: MachineInfo;
  mode: BenchMode;
  cases: CaseResult[];
}
