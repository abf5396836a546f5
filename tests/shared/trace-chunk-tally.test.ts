import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ChunkWriter,
  encodeEvents,
  newChunkTally,
  tallyChunk,
  tallyObject,
  type ChunkTally,
} from '../../src/shared/trace-chunk';
import type { TraceEvent } from '../../src/shared/trace-schema';

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
    const chunk = encodeEvents([{ type: 'task-end', ts: 1, taskId: '1:0', workerId: 0, pid: 2, ok: true }]);
    chunk.records[0] = 14;
    const tally = newChunkTally();
    tallyChunk(chunk, tally);
    expect(tally).toMatchObject({ submitted: 0, ended: 0, byType: { unknown: 1 } });
  });
});
