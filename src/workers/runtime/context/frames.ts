/**
 * The byte format of the frame channel between a parent and a child process (frame-socket.ts).
 * Node's IPC with `serialization: 'advanced'` builds a V8 serializer in JavaScript for every
 * message: measured here, 7-10 µs to send and 3-4 µs to receive a small message, against
 * about 1 µs for `JSON.stringify` and a socket write. Most messages of the runtime are plain
 * data (link calls and replies, trace batches, small task arguments and results), so each one
 * goes as JSON when JSON gives back exactly what structured clone would, and as V8
 * serialization otherwise (typed arrays, Maps, BigInts, cycles, `undefined`, NaN…), with
 * the same semantics as Node's advanced IPC.
 *
 * Frame: `u32 BE length` of the payload, `u8 format` (0 JSON text, 1 V8, 2 a JSON array of
 * messages sent together: see `encodeJsonBatch`), payload.
 */
import { DefaultDeserializer, DefaultSerializer, type Deserializer, type Serializer } from 'node:v8';

const HEADER = 5;
const JSON_FORMAT = 0;
const V8_FORMAT = 1;
const JSON_BATCH_FORMAT = 2;
/** Nesting deeper than this goes through V8 (JSON would recurse as deep, and the check too). */
const MAX_DEPTH = 64;

const ARRAY_BUFFER_VIEW = 0;
const NOT_ARRAY_BUFFER_VIEW = 1;

// Node's hooks for host objects exist at run time but not in its type declarations.
const SerializerBase = DefaultSerializer as unknown as new () => Serializer & {
  _writeHostObject(object: object): void;
};
const DeserializerBase = DefaultDeserializer as unknown as new (buffer: Buffer) => Deserializer & {
  _readHostObject(): unknown;
};

/** As Node's advanced IPC: typed arrays as V8 host objects, other host objects as plain copies. */
class FrameSerializer extends SerializerBase {
  override _writeHostObject(object: object): void {
    if (ArrayBuffer.isView(object)) {
      this.writeUint32(ARRAY_BUFFER_VIEW);
      super._writeHostObject(object);
      return;
    }
    this.writeUint32(NOT_ARRAY_BUFFER_VIEW);
    this.writeValue({ ...object });
  }
}

class FrameDeserializer extends DeserializerBase {
  override _readHostObject(): unknown {
    const tag = this.readUint32();
    if (tag === ARRAY_BUFFER_VIEW) return super._readHostObject();
    return this.readValue();
  }
}

/**
 * True when `JSON.parse(JSON.stringify(value))` equals what structured clone makes of it: only
 * finite numbers other than -0, strings, booleans, null, plain arrays without holes and plain
 * objects, each object met once (JSON would duplicate a shared one and fail on a cycle).
 */
export function jsonExact(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return exact(value, 0, null);
  // Every message is checked before it is sent: reuse one set rather than make one per message
  // (taken while in use, in case a getter in the data sends a message itself).
  const seen = spareSet ?? new Set<object>();
  spareSet = null;
  try {
    return exact(value, 0, seen);
  } finally {
    seen.clear();
    spareSet = seen;
  }
}

let spareSet: Set<object> | null = new Set();

function exact(value: unknown, depth: number, seen: Set<object> | null): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && (value !== 0 || 1 / value > 0);
    case 'object': {
      if (value === null) return true;
      if (depth > MAX_DEPTH) return false;
      // The root needs no entry: it cannot be met again without a cycle through a child.
      if (depth > 0) {
        if (seen!.has(value)) return false;
        seen!.add(value);
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto === Array.prototype) {
        const array = value as unknown[];
        for (let i = 0; i < array.length; i++) if (!exact(array[i], depth + 1, seen)) return false;
        return true;
      }
      if (proto !== Object.prototype && proto !== null) return false;
      const record = value as Record<string, unknown>;
      for (const key in record) {
        // JSON.parse makes "__proto__" an own key; a clone may not: leave such objects to V8.
        if (key === '__proto__' || !exact(record[key], depth + 1, seen)) return false;
      }
      return true;
    }
    default:
      // undefined (JSON drops it or makes it null), bigint, symbol, function.
      return false;
  }
}

function textFrame(format: number, text: string): Buffer {
  const length = Buffer.byteLength(text);
  const frame = Buffer.allocUnsafe(HEADER + length);
  frame.writeUInt32BE(length, 0);
  frame[4] = format;
  frame.write(text, HEADER, 'utf8');
  return frame;
}

/**
 * One frame for several messages already written as JSON text (each from `JSON.stringify` of
 * a {@link jsonExact} message): the reader hands them on one by one, in order.
 */
export function encodeJsonBatch(texts: readonly string[]): Buffer {
  return textFrame(JSON_BATCH_FORMAT, `[${texts.join(',')}]`);
}

/**
 * One message as a frame. Throws (a DataCloneError, like a channel's `send`) when the message
 * cannot be serialized at all.
 */
export function encodeFrame(message: unknown): Buffer {
  if (jsonExact(message)) return textFrame(JSON_FORMAT, JSON.stringify(message));
  const serializer = new FrameSerializer();
  // Room for the header, filled in once the length is known (no copy of the payload).
  serializer.writeRawBytes(Buffer.alloc(HEADER));
  serializer.writeHeader();
  serializer.writeValue(message);
  const frame = serializer.releaseBuffer();
  frame.writeUInt32BE(frame.length - HEADER, 0);
  frame[4] = V8_FORMAT;
  return frame;
}

function decodePayload(format: number, payload: Buffer, into: unknown[]): void {
  if (format === JSON_FORMAT) {
    into.push(JSON.parse(payload.toString('utf8')));
    return;
  }
  if (format === JSON_BATCH_FORMAT) {
    for (const message of JSON.parse(payload.toString('utf8')) as unknown[]) into.push(message);
    return;
  }
  if (format !== V8_FORMAT) throw new Error(`Frame channel: unknown payload format ${format}`);
  const deserializer = new FrameDeserializer(payload);
  deserializer.readHeader();
  into.push(deserializer.readValue());
}

/**
 * Cuts a byte stream into frames and decodes them. Chunks are only joined once a whole frame is
 * there, so a large frame arriving in many chunks is copied once.
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Bytes needed before the next frame can be decoded. */
  private needed = HEADER;

  /** `onMessage` gets every message, in order. */
  constructor(private readonly onMessage: (message: unknown) => void) {}

  /** Bytes received and not yet decoded (part of a frame). */
  get pending(): number {
    return this.buffered;
  }

  /**
   * Feeds bytes from the stream. Every complete frame is decoded before any message is handed
   * on, so a listener that throws loses nothing: the first error is rethrown after the others.
   */
  push(chunk: Buffer): void {
    let data: Buffer;
    if (this.buffered === 0) {
      data = chunk;
    } else {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      if (this.buffered < this.needed) return;
      data = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
      this.chunks = [];
      this.buffered = 0;
    }
    const messages: unknown[] = [];
    let offset = 0;
    this.needed = HEADER;
    while (data.length - offset >= HEADER) {
      const end = offset + HEADER + data.readUInt32BE(offset);
      if (end > data.length) {
        this.needed = end - offset;
        break;
      }
      decodePayload(data[offset + 4]!, data.subarray(offset + HEADER, end), messages);
      offset = end;
    }
    if (offset < data.length) {
      this.chunks = [data.subarray(offset)];
      this.buffered = data.length - offset;
    }
    let failure: { error: unknown } | null = null;
    for (const message of messages) {
      try {
        this.onMessage(message);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== null) throw failure.error;
  }
}
