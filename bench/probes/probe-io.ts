/** The probe side of the harness protocol (see harness/probe.ts): read arguments, print the result. */
import { badProbeArgument } from '../harness/bench-errors';
import { RESULT_MARKER } from '../harness/probe';

/** The probe's JSON argument as an object (TypeError naming the probe when it is not one). */
export function readProbeArgs(probe: string): Record<string, unknown> {
  const raw = process.argv[2];
  let value: unknown;
  try {
    value = JSON.parse(raw ?? '');
  } catch {
    throw badProbeArgument(probe, 'argv[2]', 'a JSON object');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badProbeArgument(probe, 'argv[2]', 'a JSON object');
  }
  return value as Record<string, unknown>;
}

/** Reads a positive number field of the probe's arguments. */
export function positiveNumber(probe: string, args: Record<string, unknown>, field: string): number {
  const value = args[field];
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw badProbeArgument(probe, field, 'a positive number');
  }
  return value;
}

/** Reads a number field of the probe's arguments that may be 0 but not negative. */
export function nonNegativeNumber(probe: string, args: Record<string, unknown>, field: string): number {
  const value = args[field];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw badProbeArgument(probe, field, 'a number, 0 or more');
  }
  return value;
}

/** Reads a field that must be one of `choices`. */
export function oneOf<T extends string>(
  probe: string,
  args: Record<string, unknown>,
  field: string,
  choices: readonly T[],
): T {
  const value = args[field];
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw badProbeArgument(probe, field, `one of ${choices.join(', ')}`);
  }
  return value as T;
}

/** Prints the result line the harness reads. */
export function emitResult(result: object): void {
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

/** CPU time (user + system) of this process in µs. */
export function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}
