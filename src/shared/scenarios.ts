/** Scenario descriptions shared by the host, the CLI and the renderer. */

/** A numeric parameter a scenario accepts. */
export interface IntParam {
  kind: 'int';
  name: string;
  label: string;
  default: number;
  min: number;
  max: number;
}

/** Parameters a scenario accepts (more kinds arrive with later scenarios). */
export type ScenarioParam = IntParam;

/** Parameter values as given by a user: name → value. */
export type ParamValues = Record<string, number>;

/** What the picker and `parascope scenarios` show about a scenario. */
export interface ScenarioInfo {
  /** Stable id, part of the public interface (`parascope run <id>`). */
  id: string;
  title: string;
  /** One line: what it demonstrates. */
  purpose: string;
  params: ScenarioParam[];
}

/** The summary of one finished run (`parascope run --json` prints exactly this). */
export interface RunSummary {
  scenario: string;
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
}
