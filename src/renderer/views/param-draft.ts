/**
 * What the parameter controls hold while the user edits them (text for numbers, a choice for an
 * enum, a tick for a bool) and how that becomes parameter values. Pure, so it is tested without
 * a DOM; the parsing is the one the CLI and the host use (shared/scenario-params.ts).
 */
import { parseParamText } from '../../shared/scenario-params';
import type { ParamValues, ScenarioParam } from '../../shared/scenarios';

/** Per parameter: what its control shows. Untouched parameters are absent and show their default. */
export type ParamDraft = Readonly<Record<string, string | boolean>>;

/** What `param`'s control shows: its edited text or tick, else its default. */
export function draftOf(param: ScenarioParam, draft: ParamDraft): string | boolean {
  const value = draft[param.name];
  if (param.kind === 'bool') return typeof value === 'boolean' ? value : param.default;
  return typeof value === 'string' ? value : String(param.default);
}

/** The range (and unit) a numeric parameter takes, as its control's hint; empty for others. */
export function hintOf(param: ScenarioParam): string {
  if (param.kind !== 'int' && param.kind !== 'number') return '';
  return `${param.min}–${param.max}${param.kind === 'number' && param.unit ? ` ${param.unit}` : ''}`;
}

/** Why the control's content is not a value of `param` (a few words), or null when it is. */
export function problemOf(param: ScenarioParam, draft: ParamDraft): string | null {
  const shown = draftOf(param, draft);
  if (typeof shown === 'boolean') return null;
  if (parseParamText(param, shown).ok) return null;
  if (param.kind === 'enum') return 'choose one';
  if (shown.trim() === '') return 'required';
  const number = Number(shown);
  if (!Number.isFinite(number)) return param.kind === 'int' ? 'whole number' : 'number';
  if (param.kind === 'int' && !Number.isInteger(number)) return 'whole number';
  return hintOf(param);
}

/** The values to run with, or null while any control holds something its parameter does not take. */
export function valuesOf(params: readonly ScenarioParam[], draft: ParamDraft): ParamValues | null {
  const values: ParamValues = {};
  for (const param of params) {
    const shown = draftOf(param, draft);
    if (typeof shown === 'boolean') {
      values[param.name] = shown;
      continue;
    }
    const parsed = parseParamText(param, shown);
    if (!parsed.ok) return null;
    values[param.name] = parsed.value;
  }
  return values;
}
