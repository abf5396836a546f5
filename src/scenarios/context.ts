/**
 * What a scenario module looks like and what it is given when it runs.
 *
 * A scenario is an ordinary ES module written against the public runtime API, exactly as a
 * user would write their own workload: it exports its task functions (so pool workers can
 * import them by name), a `main` that runs the workload and returns its result, and
 * optionally `expected`, the known right answer for given parameters.
 */
import type { ParamValues } from '../shared/scenarios';

/** Handed to a scenario's `main`. Kept deliberately small. */
export interface ScenarioContext {
  /**
   * Aborted when the session is asked to stop gracefully (SIGTERM or SIGINT, or the host went
   * away). Stop in the app kills the whole process tree outright, so a workload must never
   * rely on it for cleanup; it is for long loops that want to end early.
   */
  readonly signal: AbortSignal;
  /** Writes one line to the session's output (shown by the CLI on stderr, by the app in its log). */
  log(line: string): void;
}

/** The exports a scenario module must (and may) have. */
export interface ScenarioModule {
  /** Runs the workload and returns its result (structured-cloneable, ideally JSON). */
  main(ctx: ScenarioContext, params: ParamValues): Promise<unknown>;
  /** The known right answer for these parameters; the run is `ok` when `main` returns it. */
  expected?(params: ParamValues): unknown;
}

/** True when an imported module namespace has a `main` function (and `expected`, if any, is one too). */
export function isScenarioModule(value: unknown): value is ScenarioModule {
  if (typeof value !== 'object' || value === null) return false;
  const mod = value as Record<string, unknown>;
  return typeof mod.main === 'function' && (mod.expected === undefined || typeof mod.expected === 'function');
}
