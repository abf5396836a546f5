/** The session runner: one child process per workload run (see session-runner.ts). */
export { createSessionRunner } from './session-runner';
export type { OutputSource, SessionRunnerOptions, Workload } from './session-runner';
export { SessionError } from './session-errors';
