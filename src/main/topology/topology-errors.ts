/**
 * Error factory for the topology readers: every error they throw is built here, so names and
 * wording stay consistent (TypeError/RangeError naming the offending argument).
 */

/** Quotes a value for an error message without risking a huge or unprintable dump. */
function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `argument` was not a string (e.g. a CPU list or cache size given as a number). */
export function notAString(argument: string, value: unknown): TypeError {
  return new TypeError(`${argument} must be a string, got ${typeof value}`);
}

/** A kernel CPU list such as "0-3,8" could not be parsed. */
export function badCpuList(argument: string, value: string): RangeError {
  return new RangeError(`${argument} is not a kernel CPU list (like "0-3,8"): ${show(value)}`);
}

/** A CPU number given to a list formatter is not a non-negative integer. */
export function badCpuNumber(argument: string, value: unknown): RangeError {
  return new RangeError(`${argument} must hold non-negative integers, got ${show(value)}`);
}

/** A sysfs cache size such as "32K" could not be parsed. */
export function badCacheSize(argument: string, value: string): RangeError {
  return new RangeError(`${argument} is not a cache size (like "32K" or "1M"): ${show(value)}`);
}

/** The sysfs CPU tree under `root` is missing or unreadable (callers fall back to systeminformation). */
export function sysfsUnreadable(root: string): Error {
  return new Error(`no readable CPU topology under ${show(root)}/sys/devices/system/cpu`);
}
