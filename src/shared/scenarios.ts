/**
 * Scenario and workload descriptions shared by the host, the CLI, the session process and the
 * renderer. A built-in scenario and a user's workload file declare their parameters the same way
 * (a list of {@link ScenarioParam}), so one set of controls, one parser and one validator serve
 * both.
 */
import type { Insight } from './insights';

/** What every parameter declaration has. */
interface ParamBase {
  /** Name in `params` and on the command line (`--param name=value`): letters, digits, `_`, `-`. */
  name: string;
  /** What the app shows next to the control. */
  label: string;
  /** One optional sentence of help (tooltip, `parascope scenarios`). */
  help?: string;
}

/** A whole number in `min..max` (workers, items, steps). */
export interface IntParam extends ParamBase {
  kind: 'int';
  default: number;
  min: number;
  max: number;
}

/** Any finite number in `min..max`, e.g. a time unit in milliseconds (fractions allowed). */
export interface NumberParam extends ParamBase {
  kind: 'number';
  default: number;
  min: number;
  max: number;
  /** Unit shown after the value, e.g. `ms`. */
  unit?: string;
}

/** On or off (e.g. "use the lock"). */
export interface BoolParam extends ParamBase {
  kind: 'bool';
  default: boolean;
}

/** One of a fixed set of strings (e.g. mode `apply` | `applyAsync`, backend `process` | `thread`). */
export interface EnumParam extends ParamBase {
  kind: 'enum';
  /** The allowed values, in the order the app lists them. */
  options: readonly string[];
  default: string;
}

/** Any parameter a scenario or workload declares. */
export type ScenarioParam = IntParam | NumberParam | BoolParam | EnumParam;

/** The kinds of parameter there are. */
export type ParamKind = ScenarioParam['kind'];

/** One parameter's value: a number for `int`/`number`, a boolean for `bool`, a string for `enum`. */
export type ParamValue = number | string | boolean;

/** Parameter values as given by a user: name → value. */
export type ParamValues = Record<string, ParamValue>;

/**
 * The value type a declaration list stands for, for typing `main(ctx, params)` in a workload
 * declared `as const`: `{ workers: number; backend: 'process' | 'thread'; lock: boolean }`.
 */
export type ParamValuesOf<P extends readonly { kind: ParamKind; name: string }[]> = {
  [D in P[number] as D['name']]: D extends { kind: 'enum'; options: readonly (infer O)[] }
    ? O
    : D extends { kind: 'bool' }
      ? boolean
      : number;
};

/** What the picker and `parascope scenarios` show about a scenario. */
export interface ScenarioInfo {
  /** Stable id, part of the public interface (`parascope run <id>`); a workload file's absolute path. */
  id: string;
  title: string;
  /** One line: what it demonstrates. */
  purpose: string;
  params: ScenarioParam[];
}

/** File extensions a workload file may have. */
export const WORKLOAD_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts'] as const;

/**
 * What a workload file declares about itself, read by importing it in a session process (never
 * in the host): its optional `title`, `purpose` and `params` exports, and whether it has `expected`.
 */
export interface WorkloadDescription {
  title?: string;
  purpose?: string;
  params: ScenarioParam[];
  hasExpected: boolean;
}

/** A workload file the host has opened: the file it will run and what it declares. */
export interface WorkloadInfo extends ScenarioInfo {
  /** Absolute path on the host machine (also the `id`): what Run will run. */
  path: string;
  /** Whether the file exports `expected`, so a run reports pass/fail. */
  hasExpected: boolean;
}

/** The summary of one finished run (`parascope run --json` prints exactly this). */
export interface RunSummary {
  /** The scenario id, or the absolute path of the workload file. */
  scenario: string;
  /** Every declared parameter, given or default. */
  params: ParamValues;
  /** Whatever `main` returned (JSON-serialisable). */
  result: unknown;
  /** The known right answer, where the scenario defines one. */
  expected?: unknown;
  /** Whether `result` equals `expected`; absent when there is no expectation. */
  ok?: boolean;
  durationMs: number;
  /** Number of tasks the run submitted. */
  tasks: number;
  /** Number of distinct workers that ran tasks. */
  workers: number;
  /**
   * What the trace shows (lost updates, items left behind, …), problems first; `[]` when it
   * shows nothing of note. Absent when the run was not traced.
   */
  insights?: Insight[];
}
