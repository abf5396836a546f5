/**
 * Messages between the host and a session process (the child that runs one workload, so
 * that a runaway workload can never freeze the UI and Stop can always kill it).
 *
 * A session process takes exactly one request: `start` (run a workload) or `describe` (import a
 * workload file and report what it declares, without running it). Then it exits.
 */
import type { ErrorData } from './errors';
import type { ParamValues, RunSummary, WorkloadDescription } from './scenarios';
import type { TraceChunk } from './trace-chunk';

/** Host → session process. */
export type ToSession =
  | {
      type: 'start';
      /** The scenario id, or the workload file's absolute path (reported back in the summary). */
      scenario: string;
      /** Absolute path of the module to import (resolved and checked by the runner). */
      module: string;
      params: ParamValues;
      /**
       * True when `params` are as the user gave them and must be checked against the module's
       * own `params` export (a workload file), with defaults filled in; false when the runner
       * already resolved them against the catalog.
       */
      checkParams: boolean;
      tracing: boolean;
    }
  | { type: 'describe'; module: string };

/** Session process → host. */
export type FromSession =
  /** A batch of trace events, packed by the runtime and forwarded as it is (trace-chunk.ts). */
  | { type: 'trace'; chunk: TraceChunk }
  | { type: 'done'; summary: RunSummary }
  | { type: 'described'; workload: WorkloadDescription }
  | { type: 'failed'; error: ErrorData };
