/** Validates a session's parameters against its scenario's declaration and fills in defaults. */
import { resolveParamValues } from '../../shared/scenario-params';
import type { ParamValues, ScenarioInfo } from '../../shared/scenarios';

/**
 * Returns complete parameter values for `info`: every declared parameter, given or default,
 * in declaration order. Throws TypeError for a non-object or an unknown name, RangeError for
 * a value its parameter does not take (wrong type, out of range, not one of the options).
 */
export function resolveParams(info: ScenarioInfo, given: unknown): ParamValues {
  return resolveParamValues(info.id, info.params, given);
}
