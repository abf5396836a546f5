/**
 * Error factory for the Electron shell. Errors answered over IPC are {@link ErrorData}
 * (they cross a process boundary as data); errors in the shell's own options are TypeErrors
 * naming the offending option.
 */
import { describeValue, type ErrorData } from '../../shared/errors';

/** An IPC call came from a frame that is not our renderer's main frame. */
export function senderNotAllowed(channel: string, reason: string): ErrorData {
  return { code: 'invalid-payload', name: 'Error', message: `sender not allowed on ${channel}: ${reason}` };
}

/** The host threw instead of answering with a Result (it should never do so). */
export function hostThrew(channel: string, error: unknown): ErrorData {
  const reason = error instanceof Error ? error.message : describeValue(error);
  return { code: 'internal', name: 'Error', message: `host failed on ${channel}: ${reason}` };
}

/** `ELECTRON_RENDERER_URL` is not an http(s) URL on the loopback interface. */
export function badDevUrl(value: unknown): TypeError {
  return new TypeError(
    `ELECTRON_RENDERER_URL must be an http(s) URL on localhost, 127.0.0.1 or [::1]; got ${describeValue(value)}`,
  );
}

/** `mainFileUrl` is not the `file:` URL of the built main module. */
export function badMainFileUrl(value: unknown): TypeError {
  return new TypeError(
    `mainFileUrl must be a file: URL (import.meta.url of main.js); got ${describeValue(value)}`,
  );
}
