/**
 * Decoding client messages and encoding server messages of the browser shell's wire format
 * (`WireInvoke` in, `WireServerMessage` out), tolerant of anything a socket may send.
 */
import type { RawData } from 'ws';
import type { PushChannel, PushMap, WireServerMessage } from '../../shared/contract';
import type { Result } from '../../shared/errors';

/** Reply id used when a message is too broken to carry one. */
export const UNKNOWN_ID = -1;

/** A decoded call, or why the message is not one (with its id when that much was readable). */
export type Decoded =
  { ok: true; id: number; channel: string; payload: unknown } | { ok: false; id: number; message: string };

/** Decodes one socket message as a `WireInvoke`. */
export function decodeInvoke(data: RawData, isBinary: boolean): Decoded {
  if (isBinary)
    return { ok: false, id: UNKNOWN_ID, message: 'binary messages are not accepted; send JSON text' };
  let value: unknown;
  try {
    value = JSON.parse(toBuffer(data).toString('utf8'));
  } catch {
    return { ok: false, id: UNKNOWN_ID, message: 'message is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, id: UNKNOWN_ID, message: 'message must be a JSON object' };
  }
  const message = value as Record<string, unknown>;
  const id = typeof message.id === 'number' && Number.isFinite(message.id) ? message.id : undefined;
  if (id === undefined) return { ok: false, id: UNKNOWN_ID, message: 'message.id must be a finite number' };
  if (message.kind !== 'invoke') return { ok: false, id, message: 'message.kind must be "invoke"' };
  if (typeof message.channel !== 'string')
    return { ok: false, id, message: 'message.channel must be a string' };
  return { ok: true, id, channel: message.channel, payload: message.payload };
}

/** Encodes a reply. */
export function encodeReply(id: number, result: Result<unknown>): string {
  return JSON.stringify({ kind: 'reply', id, result } satisfies WireServerMessage);
}

/** Encodes a push. */
export function encodePush<C extends PushChannel>(channel: C, payload: PushMap[C]): string {
  return JSON.stringify({ kind: 'push', channel, payload } satisfies WireServerMessage);
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
