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
  type ChannelCode,
  type PrimitiveCode,
  type PrimitiveRef,
} from '../../src/shared/trace-chunk';
import type { TraceEvent } from '../../src/shared/trace-schema';
import { summarizeArgs } from '../../src/workers/runtime/trace';
import { channelEvent } from './trace-chunk-arbitraries';

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
  channelEvent(ts, true),
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

/** A task's start and end, back to back (one record when its `ok`/`error` allow). */
const taskRun = fc
  .record(
    {
      ts,
      end: ts,
      taskId: id,
      workerId: fc.oneof(fc.nat(64), fc.constant(-0)),
      pid: fc.nat(1e6),
      ok: fc.boolean(),
      error: text,
      otherWorker: fc.boolean(),
    },
    { requiredKeys: ['ts', 'end', 'taskId', 'workerId', 'pid', 'ok', 'otherWorker'] },
  )
  .map(({ end, otherWorker, ok, error, ...start }): [TraceEvent, TraceEvent] => {
    const workerId = otherWorker ? start.workerId + 1 : start.workerId;
    const common = { type: 'task-end' as const, ts: end, taskId: start.taskId, workerId, pid: start.pid };
    return [
      { type: 'task-start', ...start },
      error === undefined ? { ...common, ok } : { ...common, ok, error },
    ];
  });

/** A queue or pipe event as channel-trace.ts writes it: a numeric item stays a number. */
const channelCall = fc
  .record({
    code: fc.constantFrom<ChannelCode>(
      CHUNK_CODE.queuePut,
      CHUNK_CODE.queueGet,
      CHUNK_CODE.pipeSend,
      CHUNK_CODE.pipeRecv,
    ),
    ts,
    which: fc.nat(2),
    pid: fc.nat(1e6),
    tid: fc.nat(16),
    ok: fc.boolean(),
    x: fc.nat(1000),
    out: fc.oneof(
      fc.record({ item: fc.oneof(fc.double(), text) }),
      fc.record({ error: text }),
      fc.constant({}),
    ),
  })
  // Only gets and receives give up with an error; a pipe's end is 0 or 1.
  .filter((c) => !('error' in c.out) || c.code === CHUNK_CODE.queueGet || c.code === CHUNK_CODE.pipeRecv)
  .map(({ out, x, ...c }) => ({
    ...c,
    x: c.code === CHUNK_CODE.pipeSend || c.code === CHUNK_CODE.pipeRecv ? x % 2 : x,
    item: 'item' in out ? out.item : undefined,
    error: 'error' in out ? out.error : undefined,
  }));

/** The event a channel call must decode to, built by hand from the schema. */
function channelCallEvent(c: typeof channelCall extends fc.Arbitrary<infer T> ? T : never): TraceEvent {
  const { objectId, kind, name } = prims[c.which]!;
  const head = { ts: c.ts, objectId, kind, name, pid: c.pid, tid: c.tid };
  const text = c.item === undefined ? {} : { item: String(c.item) };
  const error = c.error === undefined ? {} : { error: c.error };
  const end = c.x as 0 | 1;
  switch (c.code) {
    case CHUNK_CODE.queuePut:
      return { type: 'queue-put', ...head, ok: c.ok, depth: c.x, ...text };
    case CHUNK_CODE.queueGet:
      return { type: 'queue-get', ...head, ok: c.ok, depth: c.x, ...text, ...error };
    case CHUNK_CODE.pipeSend:
      return { type: 'pipe-send', ...head, end, ...text };
    default:
      return { type: 'pipe-recv', ...head, end, ok: c.ok, ...text, ...error };
  }
}

const step = fc.oneof(
  fc.tuple(fc.constant('event' as const), taskEvent),
  fc.tuple(fc.constant('run' as const), taskRun),
  fc.tuple(fc.constant('number' as const), ts, fc.nat(1e6), fc.nat(1e6), text, fc.double()),
  fc.tuple(fc.constant('primitive' as const), primitiveRecord, fc.nat(2), ts, fc.nat(1e6), fc.nat(16)),
  fc.tuple(fc.constant('channel' as const), channelCall),
);

/** An event's keys, sorted. */
function keysOf(event: TraceEvent): string[] {
  return Object.keys(event).sort();
}

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
          } else if (s[0] === 'run') {
            for (const event of s[1]) writer.add(event);
            expected.push(...s[1]);
          } else if (s[0] === 'number') {
            const [, at, call, index, name, x] = s;
            writer.addTaskSubmitNumber(at, call, index, name, x);
            expected.push({ type: 'task-submit', ts: at, taskId: `${call}:${index}`, name, args: String(x) });
          } else if (s[0] === 'channel') {
            const c = s[1];
            writer.addChannel(c.code, c.ts, prims[c.which]!, c.pid, c.tid, c.ok, c.x, c.item, c.error);
            expected.push(channelCallEvent(c));
          } else {
            const [, [code, a, b], which, at, pid, tid] = s;
            writer.addPrimitive(code, at, prims[which]!, pid, tid, a, b);
            expected.push(primitiveEvent(code, at, prims[which]!, pid, tid, a, b));
          }
        }
        expect(writer.size).toBe(expected.length);
        const chunk = writer.take();
        expect(writer.size).toBe(0);
        expect(chunkEventCount(chunk)).toBe(expected.length);
        const decoded = decodeChunk(chunk);
        expect(decoded).toEqual(expected);
        // An optional key absent stays absent, one set to undefined stays set (toEqual equates them).
        expect(decoded.map(keysOf)).toEqual(expected.map(keysOf));
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
      { type: 'task-end', ts: 2, taskId: '1:1', workerId: 0, pid: 2, ok: false, error: 'boom' },
    ]);
    chunk.records[0] = 99;
    expect(decodeChunk(chunk)).toEqual([
      { type: 'task-end', ts: 2, taskId: '1:1', workerId: 0, pid: 2, ok: false, error: 'boom' },
    ]);
  });

  it("packs a task's end into its start's record only when nothing came between them", () => {
    const writer = new ChunkWriter();
    writer.addTaskStart(1, 4, 0, 1, 100);
    writer.addTaskEnd(2, 4, 0, 1, 100, true);
    writer.addTaskStart(3, 4, 1, 1, 100);
    writer.addTaskSubmit(3, 5, 0, 'f', '1');
    writer.addTaskEnd(4, 4, 1, 1, 100, false, 'boom');
    writer.addTaskStart(5, 4, 2, 0, 100);
    writer.addTaskEnd(6, 4, 3, 0, 100, true); // another task's end
    writer.addTaskStart(7, 4, 4, 0, 100);
    writer.addTaskEnd(8, 4, 4, 1, 100, true); // another worker's
    expect(writer.size).toBe(9);
    const chunk = writer.take();
    const codes = Array.from(
      { length: chunk.records.length / TRACE_CHUNK_STRIDE },
      (_, i) => chunk.records[i * TRACE_CHUNK_STRIDE],
    );
    const { taskRun, taskStart, taskEnd, taskSubmit } = CHUNK_CODE;
    expect(codes).toEqual([taskRun, taskStart, taskSubmit, taskEnd, taskStart, taskEnd, taskStart, taskEnd]);
    expect(chunkEventCount(chunk)).toBe(9);
    const ends = decodeChunk(chunk).map((e) => `${e.type}@${e.ts}`);
    expect(ends).toEqual([
      ...['task-start@1', 'task-end@2', 'task-start@3', 'task-submit@3', 'task-end@4'],
      ...['task-start@5', 'task-end@6', 'task-start@7', 'task-end@8'],
    ]);
  });

  it("keeps a task's ok and error exactly in one record, or falls back to two", () => {
    const id = '2:0';
    const start: TraceEvent = { type: 'task-start', ts: 1, taskId: id, workerId: 3, pid: 9 };
    const base = { type: 'task-end' as const, ts: 2, taskId: id, workerId: 3, pid: 9 };
    for (const [end, records] of [
      [{ ...base, ok: true }, 1],
      [{ ...base, ok: false }, 1],
      [{ ...base, ok: false, error: '' }, 1],
      [{ ...base, ok: false, error: 'boom' }, 1],
      [{ ...base, ok: true, error: 'odd' }, 2],
    ] as const) {
      const chunk = encodeEvents([start, end]);
      expect(chunk.records.length / TRACE_CHUNK_STRIDE).toBe(records);
      expect(decodeChunk(chunk)).toEqual([start, end]);
    }
  });

  it('stores a lone numeric argument as the number, decoding to its summary', () => {
    const values = [0, -0, 1.5, -7, NaN, Infinity, -Infinity, 1e21, 5e-324, 2 ** 53 + 2];
    const writer = new ChunkWriter();
    values.forEach((x, i) => writer.addTaskSubmitNumber(i, 3, i, 'inc', x));
    const chunk = writer.take();
    expect(chunk.strings).toEqual(['inc']);
    const args = decodeChunk(chunk).map((e) => (e.type === 'task-submit' ? e.args : null));
    expect(args).toEqual(values.map((x) => summarizeArgs([x])));
  });
});

describe('a chunk that names what it does not hold', () => {
  it('decodes to the events it can, never to undefined', () => {
    const chunk = encodeEvents([
      { type: 'worker-spawn', ts: 1, workerId: 0, pid: 2, backend: 'process' },
      { type: 'task-start', ts: 2, taskId: '1:0', workerId: 0, pid: 2 },
    ]);
    chunk.objects = [];
    expect(decodeChunk(chunk)).toEqual([{ type: 'task-start', ts: 2, taskId: '1:0', workerId: 0, pid: 2 }]);
  });
});
