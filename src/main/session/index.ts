/** The session runner: one child process per workload run (see session-runner.ts). */
export { createSessionRunner } from './session-runner';
/** Options and output types of the runner. */
export type { OutputSource, SessionRunnerOptions, Workload } from './session-runner';
/** What `SessionHandle.done` rejects with: carries the session's ErrorData. */
export { SessionError } from './session-errors';
