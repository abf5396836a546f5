/**
 * `parascope run`'s parameters: `--param NAME=VALUE` pairs read by each parameter's kind, plus
 * the shorthands `--workers N` and `--backend process|thread`.
 */
import { parseParamText } from '../../shared/scenario-params';
import type { ParamValue, ParamValues, ScenarioParam } from '../../shared/scenarios';
import { badValue, noBackendParam } from './cli-errors';

/** The flags that set parameters. */
export interface ParamFlags {
  param?: string[];
  workers?: number;
  backend?: string;
}

/** Backends `--backend` accepts (the runtime's). */
export const BACKENDS = ['process', 'thread'] as const;

/** A value whose parameter is not known here: a number, a boolean, or else the text itself. */
function guess(text: string): ParamValue {
  const trimmed = text.trim();
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  return text;
}

/** Whether any flag sets a parameter (a workload file is only inspected when one does). */
export function setsParams(flags: ParamFlags): boolean {
  return (flags.param?.length ?? 0) > 0 || flags.workers !== undefined || flags.backend !== undefined;
}

/**
 * Reads the parameter flags against `declared` (the scenario's or file's declarations). A name
 * that is not declared is passed on unchanged, for the runner to reject with the valid names;
 * without declarations (a workload only the runner knows) values are guessed from their text.
 * Throws UsageError for a malformed pair, a value of the wrong kind, or `--backend` where the
 * scenario has no `backend` parameter.
 */
export function readParams(
  flags: ParamFlags,
  declared: readonly ScenarioParam[] | undefined,
  scenario: string,
): ParamValues {
  const params: ParamValues = {};
  const read = (flag: string, name: string, text: string): void => {
    const param = declared?.find((p) => p.name === name);
    if (!param) {
      params[name] = guess(text);
      return;
    }
    const parsed = parseParamText(param, text);
    if (!parsed.ok) throw badValue(flag, text, parsed.expected);
    params[name] = parsed.value;
  };
  for (const pair of flags.param ?? []) {
    const match = /^([A-Za-z_][\w-]*)=(.*)$/s.exec(pair);
    if (!match) throw badValue('--param', pair, 'NAME=VALUE');
    read(`--param ${match[1]}`, match[1]!, match[2]!);
  }
  if (flags.workers !== undefined) read('--workers', 'workers', String(flags.workers));
  if (flags.backend !== undefined) {
    if (!(BACKENDS as readonly string[]).includes(flags.backend)) {
      throw badValue('--backend', flags.backend, BACKENDS.join(' or '));
    }
    if (declared && !declared.some((p) => p.name === 'backend')) throw noBackendParam(scenario);
    read('--backend', 'backend', flags.backend);
  }
  return params;
}

/** What a parameter takes, briefly: "integer 1–64", "number 0.1–100 ms", "true or false", "one of a, b". */
function takes(param: ScenarioParam): string {
  switch (param.kind) {
    case 'int':
      return `integer ${param.min}–${param.max}`;
    case 'number':
      return `number ${param.min}–${param.max}${param.unit ? ` ${param.unit}` : ''}`;
    case 'bool':
      return 'true or false';
    case 'enum':
      return `one of ${param.options.join(', ')}`;
  }
}

/** How `parascope scenarios` shows a parameter: `--param workers=N  Worker processes (integer 1–64, default 2)`. */
export function paramUsage(param: ScenarioParam): string {
  const placeholder =
    param.kind === 'int'
      ? 'N'
      : param.kind === 'number'
        ? 'X'
        : param.kind === 'bool'
          ? 'true|false'
          : param.options.join('|');
  const help = param.help ? ` ${param.help}` : '';
  return `--param ${param.name}=${placeholder}  ${param.label} (${takes(param)}, default ${String(param.default)})${help}`;
}
