import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../src/shared/trace-schema';
import { newPrimitiveInfo } from '../../../../src/workers/runtime/context/identity';
import {
  eventOf,
  outcomeCode,
  PACKED,
  PackedWriter,
  unpackTrace,
  type PackedCode,
} from '../../../../src/workers/runtime/context/trace-pack';

const infos = [newPrimitiveInfo('lock'), newPrimitiveInfo('rlock', 'guard'), newPrimitiveInfo('value')];
const outcomes = ['acquired', 'abandoned', 'timeout', 'cancelled'] as const;

/** A random primitive event as the sync cores record it: [code, info, a, b]. */
const packedEvent = fc.oneof(
  fc.tuple(fc.constant(PACKED.lockRequest), fc.constant(0), fc.constant(0)),
  fc.tuple(
    fc.constant(PACKED.lockAcquire),
    fc.constantFrom(...outcomes.map(outcomeCode)),
    fc.constantFrom(0, 1),
  ),
  fc.tuple(fc.constant(PACKED.lockRelease), fc.constantFrom(0, 1), fc.constant(0)),
  fc.tuple(
    fc.constantFrom(PACKED.valueRead, PACKED.valueWrite),
    fc.double({ noNaN: true }),
    fc.oneof(fc.constant(NaN), fc.nat(1000)),
  ),
);

describe('packed primitive events', () => {
  it('unpack to exactly the events a context without an uplink records, objects in their place', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.tuple(fc.constant('packed' as const), packedEvent, fc.nat(2), fc.nat(1e9)),
            fc.tuple(fc.constant('object' as const), fc.nat(1e9)),
          ),
          { maxLength: 300 },
        ),
        (entries) => {
          const writer = new PackedWriter();
          const expected: TraceEvent[] = [];
          const actor = { pid: 4242, tid: 3 };
          for (const entry of entries) {
            if (entry[0] === 'object') {
              const event: TraceEvent = {
                type: 'output',
                ts: entry[1],
                pid: 1,
                tid: 0,
                stream: 'stdout',
                line: 'x',
              };
              writer.addObject(event);
              expected.push(event);
              continue;
            }
            const [, [code, a, b], which, ts] = entry;
            const info = infos[which]!;
            writer.add(code as PackedCode, ts, info, actor, a, b);
            expected.push(eventOf(code as PackedCode, ts, info, actor.pid, actor.tid, a, b));
          }
          expect(writer.size).toBe(entries.length);
          const packet = structuredClone(writer.take());
          expect(unpackTrace(packet)).toEqual(expected);
          expect(writer.size).toBe(0);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('build the schema events: waited and forced flags, an index only where given', () => {
    const info = infos[1]!;
    expect(eventOf(PACKED.lockAcquire, 5, info, 1, 2, outcomeCode('timeout'), 1)).toEqual({
      type: 'lock-acquire',
      ts: 5,
      objectId: info.objectId,
      kind: 'rlock',
      name: 'guard',
      pid: 1,
      tid: 2,
      outcome: 'timeout',
      waited: true,
    });
    expect(eventOf(PACKED.lockRelease, 6, info, 1, 2, 1, 0)).toMatchObject({ forced: true });
    expect(eventOf(PACKED.lockRelease, 6, info, 1, 2, 0, 0)).not.toHaveProperty('forced');
    expect(eventOf(PACKED.valueWrite, 7, info, 1, 2, 2.5, NaN)).not.toHaveProperty('index');
    expect(eventOf(PACKED.valueRead, 7, info, 1, 2, 2.5, 4)).toMatchObject({ value: 2.5, index: 4 });
  });
});
