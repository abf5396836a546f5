import { describe, expect, it } from 'vitest';
import { expected } from '../../src/scenarios/producer-consumer';
import { ofType, runScenario } from '../fixtures/scenarios/run-scenario';

describe('producer-consumer scenario', () => {
  it('expects every product once, in order, and clean exits', () => {
    expect(expected({ items: 3 })).toEqual({ consumed: [0, 1, 2], exitCodes: { producer: 0, consumer: 0 } });
  });

  it('the consumer takes every product in order and stops at the sentinel', async () => {
    const run = await runScenario('producer-consumer', { items: 6, delay: 20 });
    expect(run.summary).toMatchObject({ result: expected({ items: 6 }), ok: true });

    const [producer, consumer] = ofType(run.events, 'process-start').map((e) => e.pid);
    const onProducts = (e: { name: string }) => e.name === 'products';
    const puts = ofType(run.events, 'queue-put').filter(onProducts);
    const gets = ofType(run.events, 'queue-get').filter(onProducts);
    const items = ['0', '1', '2', '3', '4', '5', '"end"'];
    expect(puts.sort((a, b) => a.ts - b.ts).map((e) => [e.pid, e.item])).toEqual(
      items.map((i) => [producer, i]),
    );
    expect(gets.sort((a, b) => a.ts - b.ts).map((e) => [e.pid, e.item])).toEqual(
      items.map((i) => [consumer, i]),
    );
    // Nothing was left on the queue: the sentinel's get emptied it.
    expect(gets.at(-1)!.depth).toBe(0);
    expect(run.output).toEqual(expect.arrayContaining(['producer exits', 'consumer exits']));
    expect(run.output.filter((line) => /^\d+$/.test(line))).toEqual(['0', '1', '2', '3', '4', '5']);
  });
});
