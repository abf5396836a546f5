/**
 * Every error the CLI reports about its own command line, made here so the wording is
 * uniform. Each becomes exactly one line on stderr (`parascope: …`) and exit code 2.
 */

/** A mistake in the command line (exit code 2, one line, never a stack trace). */
export class UsageError extends Error {
  override name = 'UsageError';
}

const didYouMean = (suggestion: string | undefined): string =>
  suggestion ? ` (did you mean ${suggestion}?)` : '';

/** No command of that name. */
export function unknownCommand(name: string, suggestion?: string): UsageError {
  return new UsageError(`unknown command '${name}'${didYouMean(suggestion)}; see 'parascope --help'`);
}

/** The command takes no flag of that name. */
export function unknownFlag(flag: string, command: string, suggestion?: string): UsageError {
  return new UsageError(`unknown flag ${flag} for '${command}'${didYouMean(suggestion)}`);
}

/** A flag that needs a value came last or was followed by another flag. */
export function missingValue(flag: string, command: string, valueName: string): UsageError {
  return new UsageError(`missing value for ${flag} in '${command}' (expected ${flag} ${valueName})`);
}

/** A boolean flag was given a value (`--json=yes`). */
export function unexpectedValue(flag: string, command: string): UsageError {
  return new UsageError(`flag ${flag} of '${command}' takes no value`);
}

/** A flag value of the wrong form or out of range. */
export function badValue(flag: string, value: string, expected: string): UsageError {
  return new UsageError(`bad value for ${flag}: expected ${expected} (got '${value}')`);
}

/** A required positional argument is missing. */
export function missingArgument(name: string, command: string): UsageError {
  return new UsageError(`missing <${name}> for '${command}'; see 'parascope ${command} --help'`);
}

/** More positional arguments than the command takes. */
export function unexpectedArgument(value: string, command: string): UsageError {
  return new UsageError(`unexpected argument '${value}' for '${command}'`);
}

/** A request the services rejected (unknown scenario, bad parameter): their message, as usage. */
export function rejectedRequest(error: TypeError | RangeError): UsageError {
  return new UsageError(error.message);
}

/** `--backend` for a scenario that has no backend parameter. */
export function noBackendParam(scenario: string): UsageError {
  return new UsageError(`--backend: ${scenario} has no backend parameter (see 'parascope scenarios')`);
}

/** A flag came where the command name belongs (`parascope --json topology`). */
export function flagBeforeCommand(flag: string): UsageError {
  return new UsageError(`unknown flag ${flag}; a command comes first (see 'parascope --help')`);
}

/** `parascope help a b`. */
export function tooManyHelpTopics(): UsageError {
  return new UsageError(`'help' takes at most one command name`);
}
