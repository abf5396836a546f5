/**
 * What a scenario module looks like and what it is given when it runs.
 *
 * A scenario is an ordinary ES module written against the public runtime API, exactly as a
 * user would write their own workload: it exports its task functions (so pool workers can
 * import them by name), a `main` that runs the workload and returns its result, and
 * optionally `expected`, the known right answer for given parameters. A user's workload file
 * has the same shape and may also describe itself (`params`, `title`, `purpose`), because it
 * has no catalog entry to do that for it.
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

/** The same context under the name a user's workload file would use. */
export type WorkloadContext = ScenarioContext;

/** The exports a scenario module or workload file must (and may) have. */
export interface ScenarioModule {
  /** Runs the workload and returns its result (structured-cloneable, ideally JSON). */
  main(ctx: ScenarioContext, params: ParamValues): unknown;
  /**
   * The known right answer: a function of the parameters, or a plain value; the run is `ok`
   * when `main` returns something deeply equal to it.
   */
  expected?: unknown;
  /** A workload file's parameter declarations (checked with `parseParamDeclarations`). */
  params?: unknown;
  /** A workload file's title (defaults to its file name). */
  title?: unknown;
  /** A workload file's one-line purpose. */
  purpose?: unknown;
}

/** True when an imported module namespace has a `main` function. */
export function isScenarioModule(value: unknown): value is ScenarioModule {
  if (typeof value !== 'object' || value === null) return false;
  return typeof (value as Record<string, unknown>).main === 'function';
}

/** Whether the module knows the right answer. */
export function hasExpected(mod: ScenarioModule): boolean {
  return mod.expected !== undefined;
}

/** The right answer for these parameters (call `expected` when it is a function). */
export function expectedFor(mod: ScenarioModule, params: ParamValues): unknown {
  return typeof mod.expected === 'function'
    ? (mod.expected as (p: ParamValues) => unknown)(params)
    : mod.expected;
}

/** The names a module exports, for a message about what it lacks. */
export function exportNames(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  // `default` is what Node makes of a CommonJS module's whole `module.exports`.
  return Object.keys(value).filter((key) => key !== 'module.exports');
}
