/** Errors of `Process` beyond the shared factories of errors.ts. */

/** A `Process` method called in a state that does not allow it (Python raises AssertionError). */
export class ProcessStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProcessStateError';
  }
}

/** `start()` on a Process that was already started. */
export function startedTwice(name: string): ProcessStateError {
  return new ProcessStateError(`cannot start a process twice (${name})`);
}

/** `join()`, `terminate()` or `kill()` before `start()`. */
export function notStarted(method: string, name: string): ProcessStateError {
  return new ProcessStateError(`can only ${method} a started process (${name} was never started)`);
}

/** An argument of a Process that cannot be sent to the child. */
export function unsendableProcessArg(index: number, detail: string): TypeError {
  return new TypeError(
    `Invalid option "args": args[${index}] cannot be sent to the child: ${detail}. ` +
      'Arguments must be structured-cloneable (no functions, symbols or class instances with methods).',
  );
}
