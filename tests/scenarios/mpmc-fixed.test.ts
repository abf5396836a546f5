import { describe, expect, it } from 'vitest';
import { expected } from '../../src/scenarios/mpmc-fixed';
import { eventsOf, insightsOf, runScenario } from './run-through-session';

describe('mpmc-fixed scenario', () => {
  it.each([
    { producers: 2, consumers: 2 },
    { producers: 3, consumers: 1 },
    { producers: 1, consumers: 3 },
  ])('consumes every product exactly once ($producers producers, $consumers consumers)', async (params) => {
    const { summary, events, output } = await runScenario('mpmc-fixed', params);
    expect(summary).toMatchObject({ result: expected(params), expected: expected(params), ok: true });
    expect(insightsOf(summary, 'items-left-behind')).toEqual([]);

    // Each product taken once, by one consumer, as the queue's own trace shows.
    const taken = eventsOf(events, 'queue-get').filter((e) => e.ok && e.item !== undefined);
    const products = taken.map((e) => e.item!).filter((item) => item.includes('product'));
    expect(products).toHaveLength(params.producers * 5);
    expect(new Set(products).size).toBe(products.length);
    // Every consumer stayed until every producer was done, and said so under the print lock.
    for (let i = 0; i < params.consumers; i++) expect(output).toContain(`consumer ${i} exits`);
    expect(output.filter((line) => / consumed by consumer \d+$/.test(line))).toHaveLength(
      params.producers * 5,
    );
  });
});
