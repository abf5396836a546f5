import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodePush, encodeReply } from '../../../src/main/browser-shell/wire';
import { parseServerMessage } from '../../../src/renderer/client/wire-router';
import type { CurrentSession, TraceBatch, WireServerMessage } from '../../../src/shared/contract';
import {
  CHUNK_CODE,
  ChunkWriter,
  decodeChunk,
  encodeEvents,
  primitiveEvent,
  type PrimitiveCode,
  type PrimitiveRef,
  type TraceChunk,
} from '../../../src/shared/trace-chunk';
import type { TraceEvent } from '../../../src/shared/trace-schema';

const lock: PrimitiveRef = { objectId: '1.0/1', kind: 'lock', name: 'Lock-1' };
const value: PrimitiveRef = { objectId: '1.0/2', kind: 'value', name: 'counter' };
const ts = fc.double({ min: 0, max: 1e15, noNaN: true });
const text = fc.string({ maxLength: 20 });

/** Events of every form a chunk holds: packed task and primitive records, and objects. */
const step: fc.Arbitrary<(w: ChunkWriter, out: TraceEvent[]) => void> = fc.oneof(
  fc
    .record({ ts, call: fc.nat(1e6), index: fc.nat(1e6), name: text, args: text })
    .map((e) => (w: ChunkWriter, out: TraceEvent[]) => {
      w.addTaskSubmit(e.ts, e.call, e.index, e.name, e.args);
      out.push({ type: 'task-submit', ts: e.ts, taskId: `${e.call}:${e.index}`, name: e.name, args: e.args });
    }),
  fc
    .record({ ts, ok: fc.boolean(), error: fc.option(text, { nil: undefined }) })
    .map((e) => (w: ChunkWriter, out: TraceEvent[]) => {
      w.addTaskEnd(e.ts, 3, 4, 1, 99, e.ok, e.error);
      const base = { type: 'task-end', ts: e.ts, taskId: '3:4', workerId: 1, pid: 99, ok: e.ok } as const;
      out.push(e.error === undefined ? base : { ...base, error: e.error });
    }),
  // Values the records must carry bit for bit: NaN (no index), infinities, -0.
  fc
    .record({ ts, v: fc.double(), index: fc.oneof(fc.constant(NaN), fc.nat(100)), write: fc.boolean() })
    .map((e) => (w: ChunkWriter, out: TraceEvent[]) => {
      const code: PrimitiveCode = e.write ? CHUNK_CODE.valueWrite : CHUNK_CODE.valueRead;
      w.addPrimitive(code, e.ts, value, 5, 0, e.v, e.index);
      out.push(primitiveEvent(code, e.ts, value, 5, 0, e.v, e.index));
    }),
  ts.map((at) => (w: ChunkWriter, out: TraceEvent[]) => {
    w.addPrimitive(CHUNK_CODE.lockRelease, at, lock, 5, 1, 1, 0);
    out.push(primitiveEvent(CHUNK_CODE.lockRelease, at, lock, 5, 1, 1, 0));
  }),
  fc.record({ ts, line: text }).map((e) => (w: ChunkWriter, out: TraceEvent[]) => {
    const event: TraceEvent = { type: 'output', ts: e.ts, pid: 5, tid: 0, stream: 'stdout', line: e.line };
    w.addObject(event);
    out.push(event);
  }),
);

const chunkOf = (steps: ((w: ChunkWriter, out: TraceEvent[]) => void)[]): [TraceChunk, TraceEvent[]] => {
  const writer = new ChunkWriter();
  const events: TraceEvent[] = [];
  for (const s of steps) s(writer, events);
  return [writer.take(), events];
};

/** What a page makes of a frame: the message, with the chunks' records restored. */
function read(frame: string | Buffer): WireServerMessage {
  const message = parseServerMessage(frame);
  if (message === null) throw new Error('the page could not read the frame');
  return message;
}

describe('browser shell wire: trace chunks in binary frames', () => {
  it('a session:trace push arrives as the very events written, read in place by the page', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), fc.nat(7), (steps, shift) => {
        const [chunk, events] = chunkOf(steps);
        const frame = encodePush('session:trace', { sessionId: 's1', chunk, hostNowUs: 1234.5 });
        expect(Buffer.isBuffer(frame)).toBe(true);
        // A frame may sit anywhere in its buffer (a socket's read buffer): the page copes.
        const placed = Buffer.alloc((frame as Buffer).length + shift);
        (frame as Buffer).copy(placed, shift);
        const message = read(placed.subarray(shift));
        expect(message).toMatchObject({ kind: 'push', channel: 'session:trace' });
        const batch = (message as { payload: TraceBatch }).payload;
        expect(batch.sessionId).toBe('s1');
        expect(batch.hostNowUs).toBe(1234.5);
        expect(decodeChunk(batch.chunk)).toEqual(events);
      }),
    );
  });

  it('a session:current answer carries its chunks the same way; other replies and pushes stay JSON text', () => {
    const [a, first] = chunkOf([]);
    const b = encodeEvents([{ type: 'task-submit', ts: 5, taskId: '1:0', name: 'sq', args: '(3)' }]);
    const current: CurrentSession = {
      status: { sessionId: 's1', scenario: 'pool-map', state: 'running', startedUs: 1 },
      chunks: [a, b],
      truncated: true,
      hostNowUs: 9,
    };
    const frame = encodeReply(7, { ok: true, value: current }, 'session:current');
    expect(Buffer.isBuffer(frame)).toBe(true);
    const message = read(frame) as Extract<WireServerMessage, { kind: 'reply' }>;
    expect(message.id).toBe(7);
    const value = (message.result as { ok: true; value: CurrentSession }).value;
    expect(value).toMatchObject({ status: current.status, truncated: true, hostNowUs: 9 });
    expect(value.chunks.map((c) => decodeChunk(c))).toEqual([first, decodeChunk(b)]);

    expect(typeof encodeReply(8, { ok: true, value: null }, 'session:current')).toBe('string');
    expect(typeof encodeReply(9, { ok: true, value: { echoed: 1 } })).toBe('string');
    const status = { sessionId: 's1', scenario: 'x', state: 'running', startedUs: 1 } as const;
    expect(read(encodePush('session:status', status))).toEqual({
      kind: 'push',
      channel: 'session:status',
      payload: status,
    });
  });

  it('the page rejects a binary frame that is cut short or out of shape, and trace records sent as text', () => {
    const chunk = encodeEvents([{ type: 'task-start', ts: 1, taskId: '1:0', workerId: 0, pid: 2 }]);
    const frame = encodePush('session:trace', { sessionId: 's', chunk, hostNowUs: 0 }) as Buffer;
    expect(parseServerMessage(frame.subarray(0, frame.length - 8))).toBeNull();
    expect(parseServerMessage(frame.subarray(0, 3))).toBeNull();
    const lying = Buffer.from(frame);
    lying.writeUInt32LE(frame.length, 0);
    expect(parseServerMessage(lying)).toBeNull();
    // A status push has no chunk to carry: as a binary frame it is not one the page accepts.
    const header = Buffer.from(
      JSON.stringify({ blobs: [], message: { kind: 'push', channel: 'session:status' } }),
    );
    const odd = Buffer.concat([Buffer.from([header.length, 0, 0, 0]), header]);
    expect(parseServerMessage(odd)).toBeNull();
    // JSON cannot carry records exactly (NaN, ±Infinity): a text trace push is refused.
    const text = JSON.stringify({
      kind: 'push',
      channel: 'session:trace',
      payload: { sessionId: 's', hostNowUs: 0, chunk: { ...chunk, records: [...chunk.records] } },
    });
    expect(parseServerMessage(text)).toBeNull();
  });
});
