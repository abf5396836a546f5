import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHUNK_CODE,
  ChunkWriter,
  TRACE_CHUNK_STRIDE,
  encodeEvents,
  newChunkTally,
  tallyChunk,
  tallyObject,
  type ChunkTally,
} from '../../src/shared/trace-chunk';
import type { TraceEvent } from '../../src/shared/trace-schema';
import { channelEvent } from './trace-chunk-arbitraries';

const ts = fc.nat(1e9);
const id = fc.tuple(fc.nat(50), fc.nat(50)).map(([c, i]) => `${c}:${i}`);
const event: fc.Arbitrary<TraceEvent> = fc.oneof(
  fc.record({
    type: fc.constant('task-submit' as const),
    ts,
    taskId: id,
    name: fc.constant('f'),
    args: fc.constantFrom('1', 'x'),
  }),
  fc.record({
    type: fc.constant('task-start' as const),
    ts,
    taskId: id,
    workerId: fc.nat(4),
    pid: fc.nat(9),
  }),
  fc.record({
    type: fc.constant('task-end' as const),
    ts,
    taskId: id,
    workerId: fc.nat(4),
    pid: fc.nat(9),
    ok: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('task-batch' as const),
    ts,
    taskId: id,
    count: fc.integer({ min: 1, max: 9 }),
    name: fc.constant('f'),
    submitTs: ts,
    endTs: ts,
    workerId: fc.nat(4),
    pid: fc.nat(9),
    ok: fc.constant(true),
    failed: fc.constant(0),
  }),
  fc.record({
    type: fc.constant('worker-spawn' as const),
    ts,
    workerId: fc.nat(4),
    pid: fc.nat(9),
    backend: fc.constant('process' as const),
  }),
  // Queue and pipe events: packed as records, or kept as objects when odd.
  channelEvent(ts, true),
);

function fromObjects(events: readonly TraceEvent[]): ChunkTally {
  const tally = newChunkTally();
  for (const e of events) tallyObject(e, tally);
  return tally;
}

describe('tallying a chunk without decoding it', () => {
  it('counts what the same events count as objects, whatever records they were packed into', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 80 }), fc.integer({ min: 1, max: 4 }), (events, parts) => {
        const tally = newChunkTally();
        // Split over several chunks, as a sink receives them.
        const size = Math.ceil(events.length / parts) || 1;
        for (let at = 0; at < events.length; at += size)
          tallyChunk(encodeEvents(events.slice(at, at + size)), tally);
        expect(tally).toEqual(fromObjects(events));
      }),
    );
  });

  it('reads a task run record as a start and an end of one task on its worker', () => {
    const writer = new ChunkWriter();
    writer.addTaskSubmit(1, 3, 0, 'inc', '7');
    writer.addTaskStart(2, 3, 0, 5, 100);
    writer.addTaskEnd(3, 3, 0, 5, 100, true);
    const tally = newChunkTally();
    tallyChunk(writer.take(), tally);
    expect(tally).toMatchObject({
      submitted: 1,
      ended: 1,
      byType: { 'task-submit': 1, 'task-start': 1, 'task-end': 1 },
    });
    expect([...tally.workers]).toEqual([5]);
  });

  it('counts records of a code it does not know as unknown events, not as tasks', () => {
    const chunk = encodeEvents([
      { type: 'task-end', ts: 1, taskId: '1:0', workerId: 0, pid: 2, ok: true },
      { type: 'task-end', ts: 2, taskId: '1:1', workerId: 0, pid: 2, ok: true },
    ]);
    chunk.records[0] = 15;
    chunk.records[TRACE_CHUNK_STRIDE] = 99;
    const tally = newChunkTally();
    tallyChunk(chunk, tally);
    expect(tally).toMatchObject({ submitted: 0, ended: 0, byType: { unknown: 2 } });
  });

  it('counts queue and pipe records by their type', () => {
    const writer = new ChunkWriter();
    const queue = { objectId: '1.0/1', kind: 'queue' as const, name: 'Queue-1' };
    const pipe = { objectId: '1.0/2', kind: 'pipe' as const, name: 'Pipe-2' };
    for (let i = 0; i < 3; i++) {
      writer.addChannel(CHUNK_CODE.queuePut, i, queue, 1, 0, true, 1, i);
      writer.addChannel(CHUNK_CODE.queueGet, i, queue, 1, 0, true, 0, i);
    }
    writer.addChannel(CHUNK_CODE.queueGet, 4, queue, 1, 0, false, 0, undefined, 'timeout');
    writer.addChannel(CHUNK_CODE.pipeSend, 5, pipe, 1, 0, false, 0, '"hi"');
    writer.addChannel(CHUNK_CODE.pipeRecv, 6, pipe, 1, 0, true, 1, '"hi"');
    const chunk = writer.take();
    expect(chunk.objects).toEqual([]);
    const tally = newChunkTally();
    tallyChunk(chunk, tally);
    expect(tally).toEqual({
      submitted: 0,
      ended: 0,
      workers: new Set(),
      byType: { 'queue-put': 3, 'queue-get': 4, 'pipe-send': 1, 'pipe-recv': 1 },
    });
  });
});
