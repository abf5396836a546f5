import fc from 'fast-check';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import {
  CHUNK_CODE,
  ChunkWriter,
  TRACE_CHUNK_STRIDE,
  chunkEventCount,
  decodeChunk,
  encodeEvents,
  outcomeCode,
  primitiveEvent,
  type PrimitiveCode,
  type PrimitiveRef,
} from '../../src/shared/trace-chunk';
import type { TraceEvent } from '../../src/shared/trace-schema';

const prims: PrimitiveRef[] = [
  { objectId: '1.0/1', kind: 'lock', name: 'Lock-1' },
  { objectId: '1.0/2', kind: 'rlock', name: 'guard' },
  { objectId: '7.3/1', kind: 'value', name: 'counter' },
];
const outcomes = ['acquired', 'abandoned', 'timeout', 'cancelled'] as const;

const ts = fc.double({ min: 0, max: 1e15, noNaN: true });
const id = fc.oneof(
  fc.tuple(fc.nat(1e6), fc.nat(1e6)).map(([c, i]) => `${c}:${i}`),
  // Ids the runtime never makes stay objects, and must come back equal too.
  fc.constantFrom('x:1', '01:2', '3', ':4', '5:', '1e3:0'),
);
const text = fc.string({ maxLength: 12 });

const taskEvent: fc.Arbitrary<TraceEvent> = fc.oneof(
  fc.record({ type: fc.constant('task-submit' as const), ts, taskId: id, name: text, args: text }),
  fc.record({
    type: fc.constant('task-start' as const),
    ts,
    taskId: id,
    workerId: fc.nat(64),
    pid: fc.nat(1e6),
  }),
  fc.record(
    {
      type: fc.constant('task-end' as const),
      ts,
      taskId: id,
      workerId: fc.nat(64),
      pid: fc.nat(1e6),
      ok: fc.boolean(),
      error: text,
    },
    { requiredKeys: ['type', 'ts', 'taskId', 'workerId', 'pid', 'ok'] },
  ),
  fc.record({
    type: fc.constant('worker-spawn' as const),
    ts,
    workerId: fc.nat(64),
    pid: fc.nat(1e6),
    backend: fc.constantFrom('process' as const, 'thread' as const),
  }),
);

/** A primitive record as the sync cores write it: [code, a, b]. */
const primitiveRecord = fc.oneof(
  fc.tuple(fc.constant<PrimitiveCode>(CHUNK_CODE.lockRequest), fc.constant(0), fc.constant(0)),
  fc.tuple(
    fc.constant<PrimitiveCode>(CHUNK_CODE.lockAcquire),
    fc.constantFrom(...outcomes.map(outcomeCode)),
    fc.constantFrom(0, 1),
  ),
  fc.tuple(fc.constant<PrimitiveCode>(CHUNK_CODE.lockRelease), fc.constantFrom(0, 1), fc.constant(0)),
  fc.tuple(
    fc.constantFrom<PrimitiveCode>(CHUNK_CODE.valueRead, CHUNK_CODE.valueWrite),
    fc.double({ noNaN: true }),
    fc.oneof(fc.constant(NaN), fc.nat(1000)),
  ),
);

const step = fc.oneof(
  fc.tuple(fc.constant('event' as const), taskEvent),
  fc.tuple(fc.constant('primitive' as const), primitiveRecord, fc.nat(2), ts, fc.nat(1e6), fc.nat(16)),
);

describe('trace chunks', () => {
  it('decode to exactly the events written, in order, across reuses of one writer', () => {
    const writer = new ChunkWriter();
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
        const expected: TraceEvent[] = [];
        for (const s of steps) {
          if (s[0] === 'event') {
            writer.add(s[1]);
            expected.push(s[1]);
          } else {
            const [, [code, a, b], which, at, pid, tid] = s;
            writer.addPrimitive(code, at, prims[which]!, pid, tid, a, b);
            expected.push(primitiveEvent(code, at, prims[which]!, pid, tid, a, b));
          }
        }
        expect(writer.size).toBe(steps.length);
        const chunk = writer.take();
        expect(writer.size).toBe(0);
        expect(chunkEventCount(chunk)).toBe(steps.length);
        expect(decodeChunk(chunk)).toEqual(expected);
        // What crosses a process boundary (V8 serialisation, structured clone) decodes the same.
        expect(decodeChunk(deserialize(serialize(chunk)))).toEqual(expected);
      }),
    );
  });

  it('packs task events as numbers and names each string and primitive once', () => {
    const writer = new ChunkWriter();
    for (let i = 0; i < 100; i += 1) {
      writer.add({ type: 'task-submit', ts: i, taskId: `7:${i}`, name: 'square', args: '3' });
      writer.addPrimitive(CHUNK_CODE.lockAcquire, i, prims[0]!, 1, 0, outcomeCode('acquired'), 0);
    }
    const chunk = writer.take();
    expect(chunk.objects).toEqual([]);
    expect(chunk.strings).toEqual(['square', '3']);
    expect(chunk.infos).toEqual([['1.0/1', 'lock', 'Lock-1']]);
    expect(chunk.records.length).toBe(200 * TRACE_CHUNK_STRIDE);
  });

  it('keeps a task event with fields the packed form lacks as an object', () => {
    const odd = { type: 'task-start', ts: 1, taskId: '1:0', workerId: 0, pid: 2, tid: 3 } as TraceEvent;
    const chunk = encodeEvents([odd]);
    expect(chunk.objects).toEqual([odd]);
    expect(decodeChunk(chunk)).toEqual([odd]);
  });

  it('skips records with a code a newer runtime may add, keeping the rest', () => {
    const chunk = encodeEvents([
      { type: 'task-start', ts: 1, taskId: '1:0', workerId: 0, pid: 2 },
      { type: 'task-end', ts: 2, taskId: '1:0', workerId: 0, pid: 2, ok: false, error: 'boom' },
    ]);
    chunk.records[0] = 99;
    expect(decodeChunk(chunk)).toEqual([
      { type: 'task-end', ts: 2, taskId: '1:0', workerId: 0, pid: 2, ok: false, error: 'boom' },
    ]);
  });
});
