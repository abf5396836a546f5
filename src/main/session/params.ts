/** Validates a session's parameters against its scenario's declaration and fills in defaults. */
import type { ParamValues, ScenarioInfo } from '../../shared/scenarios';
import { badRequest, paramOutOfRange, unknownParam } from './session-errors';

/**
 * Returns complete parameter values for `info`: every declared parameter, given or default,
 * in declaration order. Throws TypeError for a non-object or an unknown name, RangeError for
 * a value that is not an integer in its range.
 */
export function resolveParams(info: ScenarioInfo, given: unknown): ParamValues {
  if (given === undefined) given = {};
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw badRequest('params', 'an object of parameter name → number');
  }
  const values = given as Record<string, unknown>;
  const names = info.params.map((p) => p.name);
  for (const name of Object.keys(values)) {
    if (!names.includes(name)) throw unknownParam(info.id, name, names);
  }
  const resolved: ParamValues = {};
  for (const param of info.params) {
    const value = Object.hasOwn(values, param.name) ? values[param.name] : param.default;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < param.min || value > param.max) {
      throw paramOutOfRange(param.name, value, param.min, param.max);
    }
    resolved[param.name] = value;
  }
  return resolved;
}
