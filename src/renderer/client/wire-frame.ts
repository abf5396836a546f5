/**
 * Reading the host's binary frames (a `session:trace` push, the reply to `session:current`):
 * the header is JSON, and each chunk's records are viewed in place in the frame as a
 * `Float64Array`, without a copy (`WireBinaryHeader` in contract.ts has the layout). Every
 * chunk is shape-checked with the contract's own check before the app sees it.
 */
import {
  isTraceChunk,
  WIRE_BLOB_ALIGN,
  type WireBinaryHeader,
  type WireServerMessage,
} from '../../shared/contract';

const utf8 = new TextDecoder();

/** The bytes of a binary frame as an ArrayBuffer and an offset (a view may sit anywhere in its buffer). */
function bytesOf(
  data: ArrayBuffer | ArrayBufferView,
): { buffer: ArrayBuffer; offset: number; length: number } | null {
  if (data instanceof ArrayBuffer) return { buffer: data, offset: 0, length: data.byteLength };
  if (ArrayBuffer.isView(data) && data.buffer instanceof ArrayBuffer) {
    // A Float64Array view needs its start aligned within the buffer: copy a misaligned frame once.
    if (data.byteOffset % WIRE_BLOB_ALIGN === 0) {
      return { buffer: data.buffer, offset: data.byteOffset, length: data.byteLength };
    }
    const copy = new Uint8Array(data.byteLength);
    copy.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return { buffer: copy.buffer, offset: 0, length: data.byteLength };
  }
  return null;
}

/**
 * The message in a binary frame, its chunks' records restored as `Float64Array` views on the
 * frame; null when the frame is malformed (lengths out of range, bad JSON, a chunk of the wrong
 * shape, chunks where the contract has none).
 */
export function decodeBinaryFrame(data: ArrayBuffer | ArrayBufferView): WireServerMessage | null {
  const bytes = bytesOf(data);
  if (!bytes || bytes.length < 4) return null;
  const { buffer, offset, length } = bytes;
  const headerBytes = new DataView(buffer, offset, length).getUint32(0, true);
  if (4 + headerBytes > length) return null;
  let header: WireBinaryHeader;
  try {
    header = JSON.parse(utf8.decode(new Uint8Array(buffer, offset + 4, headerBytes))) as WireBinaryHeader;
  } catch {
    return null;
  }
  if (typeof header !== 'object' || header === null || !Array.isArray(header.blobs)) return null;
  const blobs: Float64Array[] = [];
  let at = Math.ceil((4 + headerBytes) / WIRE_BLOB_ALIGN) * WIRE_BLOB_ALIGN;
  for (const count of header.blobs) {
    if (!Number.isSafeInteger(count) || count < 0 || at + count * 8 > length) return null;
    blobs.push(new Float64Array(buffer, offset + at, count));
    at += count * 8;
  }
  return restore(header.message, blobs);
}

/** Puts the blobs back where the contract has chunks; null when anything is out of place. */
function restore(message: unknown, blobs: readonly Float64Array[]): WireServerMessage | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (m.kind === 'push' && m.channel === 'session:trace') {
    const payload = m.payload as { chunk?: unknown } | null;
    if (typeof payload !== 'object' || payload === null) return null;
    const chunk = withRecords(payload.chunk, blobs);
    return chunk ? (m as WireServerMessage) : null;
  }
  if (m.kind === 'reply' && typeof m.id === 'number') {
    // Only a `session:current` answer carries chunks: `{ ok: true, value: { chunks, … } }`.
    const result = m.result as { ok?: unknown; value?: { chunks?: unknown } } | null;
    const chunks = result?.ok === true ? result.value?.chunks : undefined;
    if (!Array.isArray(chunks) || !chunks.every((c) => withRecords(c, blobs))) return null;
    return m as WireServerMessage;
  }
  return null;
}

/** Replaces `chunk.records` (a blob index) with its blob; false when the chunk is not one. */
function withRecords(chunk: unknown, blobs: readonly Float64Array[]): boolean {
  if (typeof chunk !== 'object' || chunk === null) return false;
  const c = chunk as { records?: unknown };
  const blob = typeof c.records === 'number' ? blobs[c.records] : undefined;
  if (!blob) return false;
  c.records = blob;
  return isTraceChunk(c);
}
