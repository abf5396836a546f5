/**
 * Messages between the host and a session process (the child that runs one workload, so
 * that a runaway workload can never freeze the UI and Stop can always kill it).
 */
import type { ErrorData } from './errors';
import type { ParamValues, RunSummary } from './scenarios';
import type { TraceEvent } from './trace-schema';

/** Host → session process. */
export type ToSession = {
  type: 'start';
  scenario: string;
  params: ParamValues;
  tracing: boolean;
};

/** Session process → host. */
export type FromSession =
  | { type: 'trace'; events: TraceEvent[] }
  | { type: 'done'; summary: RunSummary }
  | { type: 'failed'; error: ErrorData };
