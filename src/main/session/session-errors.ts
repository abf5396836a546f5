/**
 * Every error the session runner creates, in one place so wording stays consistent: thrown
 * TypeError/RangeError for bad requests (they name the offending scenario or parameter),
 * and {@link ErrorData} for what happens to a session after it started.
 */
import { describeValue, type ErrorData } from '../../shared/errors';
import { WORKLOAD_EXTENSIONS } from '../../shared/scenarios';
import { suggest } from '../../shared/suggest';

const quote = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/** The request passed to `start` is not an object with the expected fields. */
export function badRequest(field: string, expected: string): TypeError {
  return new TypeError(`SessionRunner.start: ${field} must be ${expected}`);
}

/** No scenario has this id: names the closest ids (a typo) or where the list is. */
export function unknownScenario(id: unknown, valid: readonly string[]): TypeError {
  const near = typeof id === 'string' ? suggest(id, valid) : undefined;
  const hint =
    near !== undefined
      ? `did you mean ${quote(near)}? (\`parascope scenarios\` lists them all)`
      : `valid scenarios: ${valid.join(', ')}`;
  return new TypeError(`unknown scenario ${quote(id)}; ${hint}`);
}

/** `start` got both a scenario and a file, or neither. */
export function scenarioOrFile(): TypeError {
  return new TypeError('SessionRunner.start: give either scenario (an id) or file (a path), not both');
}

/** A workload path that is not a non-empty string. */
export function badWorkloadPath(given: unknown): TypeError {
  return new TypeError(`workload file must be a non-empty path (got ${describeValue(given)})`);
}

/** A workload file of a kind the runner does not run. */
export function badWorkloadExtension(path: string): TypeError {
  return new TypeError(`workload file must end in ${WORKLOAD_EXTENSIONS.join(', ')} (got ${path})`);
}

/** A workload path where there is no file. */
export function noWorkloadFile(path: string): TypeError {
  return new TypeError(`no workload file at ${path}`);
}

/** Reading what a workload file declares took too long (it runs work when imported, or hangs). */
export function describeTimedOut(path: string, ms: number): ErrorData {
  return {
    code: 'workload-error',
    name: 'TimeoutError',
    message: `${path} did not finish loading within ${ms / 1000} s (does it run work when imported? put that in main)`,
  };
}

/** The session process ended without reporting an outcome. */
export function sessionProcessDied(
  code: number | null,
  signal: string | null,
  stderrTail: string[],
): ErrorData {
  const how = signal ? `was killed by signal ${signal}` : `exited with code ${code ?? 'unknown'}`;
  const error: ErrorData = {
    code: 'worker-died',
    name: 'Error',
    message: `the session process ${how} before reporting a result`,
  };
  // What it printed last is usually why it died (an import error, an out-of-memory abort).
  if (stderrTail.length > 0) error.stack = stderrTail.join('\n');
  return error;
}

/** The session process could not be started at all. */
export function sessionSpawnFailed(cause: Error): ErrorData {
  return {
    code: 'internal',
    name: cause.name,
    message: `could not start the session process: ${cause.message}`,
  };
}

/** The session was stopped on request (what `done` rejects with after `stop()`). */
export function sessionStopped(): ErrorData {
  return { code: 'stopped', name: 'AbortError', message: 'the session was stopped' };
}

/** The error `SessionHandle.done` rejects with: carries the session's {@link ErrorData}. */
export class SessionError extends Error {
  /** The error as data, exactly as reported in the `failed` status. */
  readonly data: ErrorData;

  constructor(data: ErrorData) {
    super(data.message);
    this.name = data.name;
    this.data = data;
    // The remote stack is the useful one; the local one would only show runner internals.
    if (data.stack) this.stack = data.stack;
  }
}
