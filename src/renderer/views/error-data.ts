/** A rejected host call as the error data the views show (name, message, code, the host's stack). */
import type { ErrorData } from '../../shared/errors';
import { HostError } from '../client/client-errors';

/** The error as data: a {@link HostError} keeps its code and remote stack; anything else is internal. */
export function toErrorData(err: unknown): ErrorData {
  if (err instanceof HostError) {
    return { code: err.code, name: err.name, message: err.message, stack: err.remoteStack };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return { code: 'internal', name: e.name, message: e.message };
}
