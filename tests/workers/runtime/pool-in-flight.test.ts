import { describe, expect, it } from 'vitest';
import type { ToWorker } from '../../../src/shared/worker-protocol';
import { newCall, splitIntoChunks, type Chunk } from '../../../src/workers/runtime/calls';
import { InFlight, inFlightLimit, roomFor } from '../../../src/workers/runtime/pool-in-flight';
import type { WorkerSlot } from '../../../src/workers/runtime/pool-workers';

/** A worker slot whose handle records what it is sent. */
function slot(workerId: number): WorkerSlot & { sent: ToWorker[] } {
  const sent: ToWorker[] = [];
  return {
    sent,
    workerId,
    handle: {
      workerId,
      pid: 100 + workerId,
      threadId: 0,
      backend: 'process',
      send: (message) => {
        // Stands for a value the channel cannot clone.
        if (JSON.stringify(message).includes('"bad"')) throw new TypeError('no clone');
        sent.push(message);
      },
      kill: () => {},
      setKeepAlive: () => {},
    },
    ready: true,
    inFlight: 0,
    retiring: false,
    budget: Infinity,
    serviceUs: 0,
    taskUs: 0,
    lastDoneUs: 0,
    fatal: undefined,
    port: null,
  };
}

let nextId = 0;
/** Each chunk as an entry of its own (not a group). */
const alone = (list: Chunk[]): Chunk[][] => list.map((chunk) => [chunk]);

function chunks(items: unknown[]): Chunk[] {
  const call = newCall(
    {
      task: { module: '/t.mjs', name: 'f' },
      total: items.length,
      tracing: false,
      resolve: () => {},
      reject: () => {},
    },
    0,
    () => 0,
  );
  return splitIntoChunks(call, items, 1, { spread: false, numbers: false }, () => nextId++);
}

describe('in-flight limits', () => {
  it('holds one chunk until chunks are known to be short, then up to 2 ms of them (at most 16)', () => {
    const s = slot(0);
    expect(inFlightLimit(s)).toBe(1);
    s.serviceUs = 5000;
    expect(inFlightLimit(s)).toBe(1);
    s.serviceUs = 500;
    expect(inFlightLimit(s)).toBe(4);
    s.serviceUs = 10;
    expect(inFlightLimit(s)).toBe(16);
  });

  it('tops a worker up only once it is down to half its limit', () => {
    const s = slot(0);
    s.serviceUs = 10;
    expect(roomFor(s)).toBe(16);
    s.inFlight = 9;
    expect(roomFor(s)).toBe(0);
    s.inFlight = 8;
    expect(roomFor(s)).toBe(8);
  });
});

describe('InFlight', () => {
  it('sends several chunks as one message; a refused one comes back alone with its error', () => {
    const registry = new InFlight();
    const s = slot(0);
    expect(registry.send(s, alone(chunks([1, 2, 3])), false)).toEqual([]);
    expect(s.sent.map((m) => m.type)).toEqual(['run-batch']);
    expect(s.inFlight).toBe(3);
    const refused = registry.send(s, alone(chunks([4, 'bad', 6])), false);
    expect(refused.map(({ chunk }) => chunk.args)).toEqual([['bad']]);
    expect(refused[0]!.error).toBeInstanceOf(TypeError);
    expect(s.sent.map((m) => m.type)).toEqual(['run-batch', 'run', 'run']);
    expect(s.inFlight).toBe(5);
  });

  it('measures how long chunks take: up at once, down by halves; skipped chunks do not count', () => {
    const registry = new InFlight();
    const s = slot(0);
    const [a, b, c] = chunks([1, 2, 3]);
    registry.send(s, [[a!], [b!], [c!]], false);
    expect(registry.take(s, a!.chunkId)).toEqual([a]);
    const first = s.serviceUs;
    expect(first).toBeGreaterThan(0);
    s.serviceUs = 1_000_000;
    registry.take(s, b!.chunkId);
    expect(s.serviceUs).toBeLessThanOrEqual(500_000 + first + 1000);
    const before = s.serviceUs;
    expect(registry.take(s, c!.chunkId, false)).toEqual([c]);
    expect(s.serviceUs).toBe(before);
    expect(registry.take(s, c!.chunkId)).toBeUndefined();
    expect(s.inFlight).toBe(0);
  });

  it("sizes groups by the worker's own time for the tasks when it reports it, not by the wait", () => {
    const registry = new InFlight();
    const s = slot(0);
    const [a, b] = chunks([1, 2]);
    registry.send(s, [[a!], [b!]], false);
    // Answered after a long wait in a busy pool, but the task itself ran for 3 µs.
    s.lastDoneUs = 0;
    registry.take(s, a!.chunkId, true, 3);
    expect(s.taskUs).toBe(3);
    expect(s.serviceUs).toBeGreaterThan(3);
    // A task quicker than the clock's tick still counts as known (0 would mean unknown).
    registry.take(s, b!.chunkId, true, 0);
    expect(s.taskUs).toBeGreaterThan(0);
    expect(s.taskUs).toBeLessThan(3);
  });

  it('asks the worker holding the most chunks for its newest one, once', () => {
    const registry = new InFlight();
    const [busy, other] = [slot(0), slot(1)];
    const held = chunks([1, 2, 3]);
    registry.send(busy, alone(held), false);
    registry.send(other, alone(chunks([4])), false);
    expect(registry.steal()).toBe(true);
    expect(busy.sent.at(-1)).toEqual({ type: 'cancel', chunkIds: [held[2]!.chunkId] });
    expect(registry.stealing).toBe(1);
    expect(registry.steal()).toBe(true);
    expect(busy.sent.at(-1)).toEqual({ type: 'cancel', chunkIds: [held[1]!.chunkId] });
    // One chunk left on each worker: nothing to spare.
    expect(registry.steal()).toBe(false);
    expect(other.sent.map((m) => m.type)).toEqual(['run']);
  });

  it('cancels a settled call’s chunks from a task on, and drops a dead worker’s chunks', () => {
    const registry = new InFlight();
    const s = slot(0);
    const held = chunks([1, 2, 3, 4]);
    registry.send(s, alone(held), false);
    registry.cancel(held[0]!.call, 2);
    expect(s.sent.at(-1)).toEqual({ type: 'cancel', chunkIds: [held[2]!.chunkId, held[3]!.chunkId] });
    expect(registry.drop(s)).toEqual(alone(held));
    expect(s.inFlight).toBe(0);
    expect(registry.steal()).toBe(false);
  });
});
