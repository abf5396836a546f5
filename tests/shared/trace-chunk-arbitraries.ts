/** fast-check generators of queue and pipe events, shared by the trace chunk tests. */
import fc from 'fast-check';
import type { PrimitiveKind, TraceEvent } from '../../src/shared/trace-schema';

const channelKinds: PrimitiveKind[] = ['queue', 'joinable-queue', 'simple-queue', 'pipe'];

/**
 * Queue and pipe events: a few primitives (so records share them) or any, item summaries that
 * read as numbers or not, `item`/`error` present or absent. With `odd`, also events the runtime
 * never makes, which must come back exactly too: both an item and an error, a key whose value
 * is `undefined`, an `error` on a put or send.
 */
export function channelEvent(ts: fc.Arbitrary<number>, odd: boolean): fc.Arbitrary<TraceEvent> {
  const primitive = fc.oneof(
    fc.constantFrom(
      { objectId: '1.0/4', kind: 'queue' as PrimitiveKind, name: 'Queue-4' },
      { objectId: '2.1/1', kind: 'pipe' as PrimitiveKind, name: 'Pipe-1' },
    ),
    fc.record({
      objectId: fc.string({ maxLength: 6 }),
      kind: fc.constantFrom(...channelKinds),
      name: fc.string({ maxLength: 6 }),
    }),
  );
  const text = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('0', '-0', '12', '1.5', 'NaN', 'Infinity', '"ready"', 'timeout', ''),
  );
  const value = odd ? fc.oneof(text, fc.constant(undefined)) : text;
  const ok = fc.boolean();
  const depth = fc.oneof(fc.nat(1e6), fc.constant(-0));
  const end = fc.constantFrom(0 as const, 1 as const);
  // Only gets and receives have an error; a put or send gets one only when odd.
  const error = odd ? { error: value } : {};
  const own = fc.oneof(
    fc.record(
      { type: fc.constant('queue-put' as const), ok, depth, item: value, ...error },
      { requiredKeys: ['type', 'ok', 'depth'] },
    ),
    fc.record(
      { type: fc.constant('queue-get' as const), ok, depth, item: value, error: value },
      { requiredKeys: ['type', 'ok', 'depth'] },
    ),
    fc.record(
      { type: fc.constant('pipe-send' as const), end, item: value, ...error },
      { requiredKeys: ['type', 'end'] },
    ),
    fc.record(
      { type: fc.constant('pipe-recv' as const), end, ok, item: value, error: value },
      { requiredKeys: ['type', 'end', 'ok'] },
    ),
  );
  return fc
    .tuple(own, ts, primitive, fc.nat(1e6), fc.nat(64))
    .map(([fields, at, prim, pid, tid]) => ({ ts: at, ...prim, pid, tid, ...fields }) as TraceEvent)
    .filter((event) => odd || !('item' in event && 'error' in event));
}
