/** Error factory for the benchmark harness: each error names the option, probe or check at fault. */

/** A command-line option the harness does not know. */
export function unknownOption(option: string, known: readonly string[]): TypeError {
  return new TypeError(`unknown option ${JSON.stringify(option)}; known options: ${known.join(', ')}`);
}

/** An option that needs a value was given none. */
export function missingOptionValue(option: string): TypeError {
  return new TypeError(`option ${option} needs a value`);
}

/** `--only` named a case that does not exist. */
export function unknownCase(option: string, id: string, known: readonly string[]): RangeError {
  return new RangeError(`${option}: unknown case ${JSON.stringify(id)}; cases: ${known.join(', ')}`);
}

/** Two options that exclude each other were both given. */
export function conflictingOptions(a: string, b: string): TypeError {
  return new TypeError(`options ${a} and ${b} cannot be combined`);
}

/** A probe's arguments are malformed (a harness bug, or a probe run by hand with bad JSON). */
export function badProbeArgument(probe: string, field: string, expected: string): TypeError {
  return new TypeError(`${probe}: argument ${field} must be ${expected}`);
}

/** A probe process failed or printed no result line. */
export function probeFailed(probe: string, reason: string, stderrTail: string): Error {
  const tail = stderrTail.trim() ? `\n--- last stderr lines of ${probe} ---\n${stderrTail.trim()}` : '';
  return new Error(`probe ${probe} failed: ${reason}${tail}`);
}

/** A probe ran but its result is wrong (lost events, wrong answer): its timing would be meaningless. */
export function probeCheckFailed(probe: string, what: string): Error {
  return new Error(`probe ${probe}: ${what}`);
}
