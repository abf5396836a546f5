/**
 * Decoding client messages and encoding server messages of the browser shell's wire format
 * (`WireInvoke` in, `WireServerMessage` out), tolerant of anything a socket may send.
 *
 * A message that carries trace chunks (a `session:trace` push, the reply to `session:current`)
 * goes as one binary frame (`WireBinaryHeader` in contract.ts has the layout): the records'
 * bytes are copied once into the frame, never turned into text, and the page views them in
 * place. Everything else is JSON text.
 */
import { endianness } from 'node:os';
import type { RawData } from 'ws';
import {
  WIRE_BLOB_ALIGN,
  type CurrentSession,
  type InvokeChannel,
  type PushChannel,
  type PushMap,
  type TraceBatch,
  type WireBinaryHeader,
  type WireServerMessage,
} from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { TraceChunk } from '../../shared/trace-chunk';

/** Reply id used when a message is too broken to carry one. */
export const UNKNOWN_ID = -1;

/** A decoded call, or why the message is not one (with its id when that much was readable). */
export type Decoded =
  { ok: true; id: number; channel: string; payload: unknown } | { ok: false; id: number; message: string };

/** One encoded server message: a text frame, or a binary frame (a Buffer). */
export type EncodedFrame = string | Buffer;

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

/**
 * Encodes a reply to a call on `channel`: binary when it is a `session:current` answer with
 * chunks, JSON text otherwise.
 */
export function encodeReply(id: number, result: Result<unknown>, channel?: InvokeChannel): EncodedFrame {
  if (channel === 'session:current' && result.ok && result.value !== null) {
    const current = result.value as CurrentSession;
    const blobs: Float64Array[] = [];
    const chunks = current.chunks.map((chunk) => withBlob(chunk, blobs));
    return binaryFrame({ kind: 'reply', id, result: { ok: true, value: { ...current, chunks } } }, blobs);
  }
  return JSON.stringify({ kind: 'reply', id, result } satisfies WireServerMessage);
}

/** Encodes a push: binary for `session:trace` (it carries a chunk), JSON text otherwise. */
export function encodePush<C extends PushChannel>(channel: C, payload: PushMap[C]): EncodedFrame {
  if (channel === 'session:trace') {
    const batch = payload as TraceBatch;
    const blobs: Float64Array[] = [];
    const chunk = withBlob(batch.chunk, blobs);
    return binaryFrame({ kind: 'push', channel, payload: { ...batch, chunk } }, blobs);
  }
  return JSON.stringify({ kind: 'push', channel, payload } satisfies WireServerMessage);
}

/** `chunk` with its records replaced by the index of the blob they are moved to. */
function withBlob(chunk: TraceChunk, blobs: Float64Array[]): TraceChunk {
  blobs.push(chunk.records);
  // The header names the blob by index; the type says records, so the cast is the encoding.
  return { ...chunk, records: (blobs.length - 1) as unknown as Float64Array };
}

/** Float64s are copied as they lie in memory; the wire says little-endian. */
const littleEndian = endianness() === 'LE';

/** One binary frame: length, header JSON, padding, blobs (see `WireBinaryHeader`). */
function binaryFrame(message: WireServerMessage, blobs: readonly Float64Array[]): Buffer {
  const header = Buffer.from(
    JSON.stringify({ blobs: blobs.map((b) => b.length), message } satisfies WireBinaryHeader),
  );
  const start = alignUp(4 + header.length);
  let size = start;
  for (const blob of blobs) size += blob.byteLength;
  const frame = Buffer.allocUnsafe(size);
  frame.writeUInt32LE(header.length, 0);
  header.copy(frame, 4);
  frame.fill(0, 4 + header.length, start);
  let at = start;
  for (const blob of blobs) {
    const bytes = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
    bytes.copy(frame, at);
    if (!littleEndian) frame.subarray(at, at + blob.byteLength).swap64();
    at += blob.byteLength;
  }
  return frame;
}

function alignUp(n: number): number {
  return Math.ceil(n / WIRE_BLOB_ALIGN) * WIRE_BLOB_ALIGN;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
