/**
 * Parameter values by kind, in one place for every surface: the host and the session process
 * validate with {@link resolveParamValues}, the CLI and the app's controls parse text with
 * {@link parseParamText}, and a workload file's `params` export is checked with
 * {@link parseParamDeclarations}. Pure code (zod only), so any process may use it.
 */
import { z } from 'zod';
import type { ParamValue, ParamValues, ScenarioParam } from './scenarios';

/** Most parameters a scenario or workload may declare (the contract accepts no more). */
export const MAX_PARAMS = 32;
/** Longest enum value or string parameter value. */
export const MAX_PARAM_TEXT = 200;

const quote = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
};

/** What a value of `param` must be, as a phrase: "an integer from 1 to 64", "one of process, thread". */
export function describeParam(param: ScenarioParam): string {
  switch (param.kind) {
    case 'int':
      return `an integer from ${param.min} to ${param.max}`;
    case 'number':
      return `a number from ${param.min} to ${param.max}${param.unit ? ` (${param.unit})` : ''}`;
    case 'bool':
      return 'true or false';
    case 'enum':
      return `one of ${param.options.join(', ')}`;
  }
}

/** True when `value` is acceptable for `param` (right type, in range, one of the options). */
export function isParamValue(param: ScenarioParam, value: unknown): value is ParamValue {
  switch (param.kind) {
    case 'int':
      return Number.isInteger(value) && (value as number) >= param.min && (value as number) <= param.max;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= param.min && value <= param.max;
    case 'bool':
      return typeof value === 'boolean';
    case 'enum':
      return typeof value === 'string' && param.options.includes(value);
  }
}

const TRUE_WORDS = ['true', 'yes', 'on', '1'];
const FALSE_WORDS = ['false', 'no', 'off', '0'];

/**
 * Reads a value of `param` from text (a `--param k=v` value, an input field): numbers as
 * numbers, `true/false` (also yes/no, on/off, 1/0) for a bool, an enum value exactly. Answers
 * the value, or what was expected.
 */
export function parseParamText(
  param: ScenarioParam,
  text: string,
): { ok: true; value: ParamValue } | { ok: false; expected: string } {
  const trimmed = text.trim();
  let value: ParamValue | undefined;
  if (param.kind === 'int' || param.kind === 'number') {
    value = trimmed === '' ? undefined : Number(trimmed);
  } else if (param.kind === 'bool') {
    const word = trimmed.toLowerCase();
    value = TRUE_WORDS.includes(word) ? true : FALSE_WORDS.includes(word) ? false : undefined;
  } else {
    value = trimmed;
  }
  return value !== undefined && isParamValue(param, value)
    ? { ok: true, value }
    : { ok: false, expected: describeParam(param) };
}

/** A parameter the scenario does not declare (TypeError naming it and the valid ones). */
export function unknownParam(scenario: string, name: string, valid: readonly string[]): TypeError {
  const list = valid.length > 0 ? valid.join(', ') : 'none';
  return new TypeError(
    `unknown parameter ${quote(name)} for scenario ${scenario}; valid parameters: ${list}`,
  );
}

/** A value the parameter does not accept (RangeError naming it, what it takes, and what came). */
export function badParamValue(param: ScenarioParam, value: unknown): RangeError {
  return new RangeError(`parameter ${param.name} must be ${describeParam(param)} (got ${quote(value)})`);
}

/**
 * Complete values for `declared`: every declared parameter, given or default, in declaration
 * order. Throws TypeError for a `given` that is not a plain object or names an unknown
 * parameter, RangeError for a value its parameter does not accept.
 */
export function resolveParamValues(
  scenario: string,
  declared: readonly ScenarioParam[],
  given: unknown,
): ParamValues {
  const values = given === undefined ? {} : given;
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new TypeError(`params must be an object of parameter name → value (got ${quote(given)})`);
  }
  const names = declared.map((p) => p.name);
  for (const name of Object.keys(values)) {
    if (!names.includes(name)) throw unknownParam(scenario, name, names);
  }
  const record = values as Record<string, unknown>;
  const resolved: ParamValues = {};
  for (const param of declared) {
    const value = Object.hasOwn(record, param.name) ? record[param.name] : param.default;
    if (!isParamValue(param, value)) throw badParamValue(param, value);
    resolved[param.name] = value;
  }
  return resolved;
}

const name = z
  .string()
  .regex(/^[A-Za-z_][\w-]{0,63}$/, 'must be 1–64 letters, digits, "_" or "-", not starting with a digit');
const text = z.string().max(MAX_PARAM_TEXT);
const base = { name, label: text.optional(), help: text.optional() };
const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** One declaration as a workload file may write it (`label` defaults to the name). */
const declarationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...base, kind: z.literal('int'), default: z.int(), min: z.int(), max: z.int() }),
  z.strictObject({
    ...base,
    kind: z.literal('number'),
    default: finite,
    min: finite,
    max: finite,
    unit: z.string().max(16).optional(),
  }),
  z.strictObject({ ...base, kind: z.literal('bool'), default: z.boolean().optional() }),
  z.strictObject({
    ...base,
    kind: z.literal('enum'),
    options: z.array(text.min(1)).min(1).max(64),
    default: text.optional(),
  }),
]);

/** Why a well-typed declaration is still wrong (range, default, duplicate options), or null. */
function declarationProblem(d: z.infer<typeof declarationSchema>): string | null {
  if (d.kind === 'int' || d.kind === 'number') {
    if (d.min > d.max) return `min ${d.min} is above max ${d.max}`;
    if (d.default < d.min || d.default > d.max) return `default ${d.default} is outside ${d.min}..${d.max}`;
  }
  if (d.kind === 'enum') {
    if (new Set(d.options).size !== d.options.length) return 'options must be distinct';
    if (d.default !== undefined && !d.options.includes(d.default)) {
      return `default ${quote(d.default)} is not one of the options`;
    }
  }
  return null;
}

/**
 * Checks a workload file's `params` export (undefined = no parameters) and fills in optional
 * fields: `label` (the name), a bool's `default` (false), an enum's `default` (its first option).
 * Throws a TypeError that starts with `where` and names the offending entry and field.
 */
export function parseParamDeclarations(value: unknown, where: string): ScenarioParam[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TypeError(`${where}: params must be an array (got ${quote(value)})`);
  if (value.length > MAX_PARAMS) {
    throw new TypeError(`${where}: params declares ${value.length} parameters (at most ${MAX_PARAMS})`);
  }
  const seen = new Set<string>();
  return value.map((entry: unknown, index): ScenarioParam => {
    const label =
      typeof entry === 'object' && entry !== null && typeof (entry as { name?: unknown }).name === 'string'
        ? `params[${index}] (${(entry as { name: string }).name})`
        : `params[${index}]`;
    const parsed = declarationSchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue && issue.path.length > 0 ? `.${issue.path.join('.')}` : '';
      throw new TypeError(`${where}: ${label}${field}: ${issue?.message ?? 'invalid declaration'}`);
    }
    const d = parsed.data;
    const problem = declarationProblem(d);
    if (problem) throw new TypeError(`${where}: ${label}: ${problem}`);
    if (seen.has(d.name))
      throw new TypeError(`${where}: ${label}: the name ${quote(d.name)} is declared twice`);
    seen.add(d.name);
    const common = {
      name: d.name,
      label: d.label ?? d.name,
      ...(d.help === undefined ? {} : { help: d.help }),
    };
    switch (d.kind) {
      case 'int':
        return { ...common, kind: 'int', default: d.default, min: d.min, max: d.max };
      case 'number':
        return {
          ...common,
          kind: 'number',
          default: d.default,
          min: d.min,
          max: d.max,
          ...(d.unit === undefined ? {} : { unit: d.unit }),
        };
      case 'bool':
        return { ...common, kind: 'bool', default: d.default ?? false };
      case 'enum':
        return { ...common, kind: 'enum', options: d.options, default: d.default ?? d.options[0]! };
    }
  });
}
