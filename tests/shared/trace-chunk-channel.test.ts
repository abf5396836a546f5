import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHUNK_CODE,
  ChunkWriter,
  TRACE_CHUNK_STRIDE,
  decodeChunk,
  encodeEvents,
  type PrimitiveRef,
} from '../../src/shared/trace-chunk';
import type { TraceEvent } from '../../src/shared/trace-schema';
import { summarizeItem } from '../../src/workers/runtime/channels/channel-trace';
import { channelEvent } from './trace-chunk-arbitraries';

const queue: PrimitiveRef = { objectId: '42.0/3', kind: 'queue', name: 'jobs' };
const pipe: PrimitiveRef = { objectId: '42.0/4', kind: 'pipe', name: 'Pipe-4' };
const actor = { pid: 42, tid: 0 };
const head = <T extends TraceEvent['type']>(type: T, ts: number, ref: PrimitiveRef) => ({
  type,
  ts,
  ...ref,
  ...actor,
});

describe('queue and pipe records', () => {
  it('carry every event the runtime makes as numbers, with no object, and give it back exactly', () => {
    fc.assert(
      fc.property(fc.array(channelEvent(fc.nat(1e9), false), { maxLength: 60 }), (events) => {
        const chunk = encodeEvents(events);
        expect(chunk.objects).toEqual([]);
        expect(chunk.records.length).toBe(events.length * TRACE_CHUNK_STRIDE);
        const decoded = decodeChunk(chunk);
        expect(decoded).toEqual(events);
        expect(decoded.map((e) => Object.keys(e).sort())).toEqual(events.map((e) => Object.keys(e).sort()));
      }),
    );
  });

  it("keep a numeric item as the number: no string per item, and its summary is summarizeItem's", () => {
    const items = [0, -0, 7, 1.5, -3, NaN, Infinity, -Infinity, 1e21, 5e-324, 2 ** 53 + 2];
    const writer = new ChunkWriter();
    items.forEach((x, i) => {
      writer.addChannel(CHUNK_CODE.queuePut, i, queue, actor.pid, actor.tid, true, i + 1, x);
      writer.addChannel(CHUNK_CODE.queueGet, i, queue, actor.pid, actor.tid, true, i, x);
    });
    const chunk = writer.take();
    expect(chunk.strings).toEqual([]);
    expect(chunk.infos).toEqual([['42.0/3', 'queue', 'jobs']]);
    const summaries = decodeChunk(chunk).map((e) =>
      e.type === 'queue-put' || e.type === 'queue-get' ? e.item : null,
    );
    expect(summaries).toEqual(items.flatMap((x) => [summarizeItem(x), summarizeItem(x)]));
  });

  it('decode each outcome a queue or pipe traces to its event', () => {
    const writer = new ChunkWriter();
    writer.addChannel(CHUNK_CODE.queuePut, 1, queue, 42, 0, false, 3, '"late"');
    writer.addChannel(CHUNK_CODE.queueGet, 2, queue, 42, 0, false, 0, undefined, 'timeout');
    writer.addChannel(CHUNK_CODE.queueGet, 3, queue, 42, 0, true, 2, '{"a":1}');
    writer.addChannel(CHUNK_CODE.pipeSend, 4, pipe, 42, 0, true, 1, '"ping"');
    writer.addChannel(CHUNK_CODE.pipeRecv, 5, pipe, 42, 0, true, 0, 9);
    writer.addChannel(CHUNK_CODE.pipeRecv, 6, pipe, 42, 0, false, 0, undefined, 'eof');
    expect(decodeChunk(writer.take())).toEqual([
      { ...head('queue-put', 1, queue), ok: false, depth: 3, item: '"late"' },
      { ...head('queue-get', 2, queue), ok: false, depth: 0, error: 'timeout' },
      { ...head('queue-get', 3, queue), ok: true, depth: 2, item: '{"a":1}' },
      // A send has no `ok`, whatever the writer was given.
      { ...head('pipe-send', 4, pipe), end: 1, item: '"ping"' },
      { ...head('pipe-recv', 5, pipe), end: 0, ok: true, item: '9' },
      { ...head('pipe-recv', 6, pipe), end: 0, ok: false, error: 'eof' },
    ]);
  });

  it('name a primitive once, whether by one object or by events that each carry its fields', () => {
    const events: TraceEvent[] = Array.from({ length: 50 }, (_, i) => ({
      ...head('queue-put', i, queue),
      ok: true,
      depth: i,
      item: `"s${i % 2}"`,
    }));
    const chunk = encodeEvents(events);
    expect(chunk.infos).toEqual([['42.0/3', 'queue', 'jobs']]);
    expect(decodeChunk(chunk)).toEqual(events);
  });

  it('keep an event with both an item and an error as an object', () => {
    const odd = {
      ...head('queue-get', 1, queue),
      ok: false,
      depth: 0,
      item: '1',
      error: 'closed',
    } as TraceEvent;
    const chunk = encodeEvents([odd]);
    expect(chunk.objects).toEqual([odd]);
    expect(decodeChunk(chunk)).toEqual([odd]);
  });

  it('skip a record whose primitive the chunk does not hold, and read a missing string as empty', () => {
    const writer = new ChunkWriter();
    writer.addChannel(CHUNK_CODE.queuePut, 1, queue, 42, 0, true, 1, '"a"');
    writer.addChannel(CHUNK_CODE.queueGet, 2, queue, 42, 0, true, 0, '"b"');
    const chunk = writer.take();
    chunk.strings = [];
    chunk.records[2] = 5; // the put's primitive index
    expect(decodeChunk(chunk)).toEqual([{ ...head('queue-get', 2, queue), ok: true, depth: 0, item: '' }]);
  });
});
