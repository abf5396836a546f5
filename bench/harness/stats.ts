/** Medians, ratios and target checks: the arithmetic behind every row of the table. */
import type { Target } from './types';

/** Median of a non-empty list (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median: values must not be empty');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Whether `target` holds for these numbers; null when the number it needs is missing. */
export function targetMet(target: Target, parascope: number | null, ratio: number | null): boolean | null {
  const value = target.metric === 'ratio' ? ratio : parascope;
  if (value === null) return null;
  return target.op === '>=' ? value >= target.value : value <= target.value;
}

/**
 * How far a measured value is from its target, as a factor (>1 means short by that factor):
 * for `>=` targets `target / value`, for `<=` targets `value / target`. Null when met or unknown.
 */
export function shortfall(target: Target, parascope: number | null, ratio: number | null): number | null {
  const value = target.metric === 'ratio' ? ratio : parascope;
  if (value === null || targetMet(target, parascope, ratio)) return null;
  return target.op === '>=' ? target.value / value : value / target.value;
}
