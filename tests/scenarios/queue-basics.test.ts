import { describe, expect, it } from 'vitest';
import { expected, main } from '../../src/scenarios/queue-basics';
import { ofType, runScenario } from '../fixtures/scenarios/run-scenario';

const COLOURS = ['red', 'green', 'blue', 'black'];
const ctx = { signal: new AbortController().signal, log: () => {} };

describe('queue-basics scenario', () => {
  it("expects the colours back in order both ways, and empty() false after this context's puts, true between the producer's", () => {
    expect(expected()).toEqual({
      sameContext: { emptyAfterPuts: false, popped: COLOURS },
      otherContext: { emptyAfterFirst: true, got: COLOURS },
    });
  });

  for (const backend of ['process', 'thread'] as const) {
    it(`${backend} producer: every colour in order, and what empty() said, as the trace shows`, async () => {
      const run = await runScenario('queue-basics', { backend });
      expect(run.summary).toMatchObject({ result: expected(), ok: true });

      const puts = ofType(run.events, 'queue-put');
      const gets = ofType(run.events, 'queue-get');
      const byQueue = (name: string) => ({
        puts: puts.filter((e) => e.name === name).sort((a, b) => a.ts - b.ts),
        gets: gets.filter((e) => e.name === name).sort((a, b) => a.ts - b.ts),
      });
      const here = byQueue('colours');
      const there = byQueue('from-producer');
      expect(here.puts.map((e) => e.item)).toEqual(COLOURS.map((c) => JSON.stringify(c)));
      expect(here.gets.map((e) => e.item)).toEqual(COLOURS.map((c) => JSON.stringify(c)));
      // Part 1 is one context: the owner's own pid and thread.
      const main = { pid: here.puts[0]!.pid, tid: here.puts[0]!.tid };
      expect([...here.puts, ...here.gets].every((e) => e.pid === main.pid && e.tid === main.tid)).toBe(true);

      // Part 2: every put comes from the producer (another process, or another thread of this one).
      const producer = ofType(run.events, 'process-start')[0]!;
      expect(producer.backend).toBe(backend);
      expect(there.puts.every((e) => e.pid === producer.pid && e.tid === producer.tid)).toBe(true);
      expect([producer.pid, producer.tid]).not.toEqual([main.pid, main.tid]);
      expect(there.gets.map((e) => e.item)).toEqual(COLOURS.map((c) => JSON.stringify(c)));
      // empty() was asked between the first get and the second put: the depth was 0 then.
      expect(there.gets[0]!.depth).toBe(0);
      expect(there.puts[1]!.ts).toBeGreaterThan(there.gets[0]!.ts);
    });
  }

  it('empty() after the first colour from a thread producer is true every time (no race)', async () => {
    for (let i = 0; i < 5; i++) {
      expect(await main(ctx, { backend: 'thread' })).toEqual(expected());
    }
  });
});
