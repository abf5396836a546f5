/** Text of a run's result for the result panel. */

/** Characters of the result shown inline; a longer one also gets the "Full result" block. */
export const INLINE_RESULT = 280;
/** Most characters of the full result rendered (a huge result must not freeze the page). */
export const FULL_RESULT = 100_000;

/** An escaped newline in JSON text: `\n` after an even number of backslashes (`\\n` is not one). */
const ESCAPED_NEWLINE = /(?<!\\)((?:\\\\)*)\\n/g;

/**
 * The result as indented JSON with the line breaks inside strings shown as breaks, so a stack
 * trace in a result (error-callback's) reads as one; cut to {@link FULL_RESULT} characters.
 * Null when the inline form says it all: short, one line, or not JSON at all.
 */
export function fullResult(value: unknown): string | null {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, null, 2);
  } catch {
    return null;
  }
  if (text === undefined) return null;
  const multiline = text.search(ESCAPED_NEWLINE) >= 0;
  if (text.length <= INLINE_RESULT && !multiline) return null;
  const shown = text.replace(ESCAPED_NEWLINE, '$1\n');
  return shown.length > FULL_RESULT ? `${shown.slice(0, FULL_RESULT - 1)}…` : shown;
}
