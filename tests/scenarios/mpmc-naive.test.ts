import { describe, expect, it } from 'vitest';
import { expected } from '../../src/scenarios/mpmc-naive';
import { insightsOf, runScenario } from './run-through-session';

describe('mpmc-naive scenario', () => {
  it('leaves items behind when consumers leave at the first sentinel, and says so', async () => {
    const params = { producers: 3, consumers: 2 };
    const { summary } = await runScenario('mpmc-naive', params);
    const result = summary.result as ReturnType<typeof expected>;
    // Two consumers take two sentinels at most: the third (and whatever is behind it) stays.
    expect(result.leftInQueue).toBeGreaterThanOrEqual(params.producers - params.consumers);
    expect(result.consumed).toBeLessThan(result.produced);
    expect(result.distinct).toBe(result.consumed);
    expect(summary).toMatchObject({ expected: expected(params), ok: false });

    const left = insightsOf(summary, 'items-left-behind');
    expect(left).toHaveLength(1);
    expect(left[0]!).toMatchObject({
      severity: 'problem',
      evidence: { details: { depth: result.leftInQueue, consumers: params.consumers } },
    });
    expect(left[0]!.message).toMatch(/^products still held \d+ items? at the end/);
  });

  it('loses nothing with as many consumers as producers (the last sentinel is behind every product)', async () => {
    const { summary } = await runScenario('mpmc-naive', { producers: 2, consumers: 2 });
    expect(summary).toMatchObject({ result: expected({ producers: 2, consumers: 2 }), ok: true });
    expect(insightsOf(summary, 'items-left-behind')).toEqual([]);
  });

  it('does not hang with more consumers than producers: closing the queue ends the extra waits', async () => {
    const { summary, output } = await runScenario('mpmc-naive', { producers: 1, consumers: 2 });
    expect(summary).toMatchObject({ result: expected({ producers: 1, consumers: 2 }), ok: true });
    expect(output).toEqual(expect.arrayContaining(['consumer 0 exits', 'consumer 1 exits']));
  });
});
