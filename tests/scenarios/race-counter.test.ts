import { describe, expect, it } from 'vitest';
import { expected } from '../../src/scenarios/race-counter';
import { insightsOf, runCliJson } from './run-through-session';

// Small enough for a loaded 2-core machine; the process backend still loses updates readily.
const STEPS = 40;

describe.each(['process', 'thread'] as const)('race-counter scenario (%s backend)', (backend) => {
  const run = (lock: boolean) =>
    runCliJson('race-counter', [
      '--backend',
      backend,
      '--param',
      `lock=${lock}`,
      '--param',
      `steps=${STEPS}`,
    ]);

  it('reaches exactly (4 - 2) × steps with the lock, and reports no lost update', async () => {
    const { code, summary } = await run(true);
    expect(summary).toMatchObject({ result: 2 * STEPS, expected: 2 * STEPS, ok: true, tasks: 6 });
    expect(code).toBe(0);
    expect(insightsOf(summary, 'lost-updates')).toEqual([]);
  });

  it('without the lock, reports lost updates whenever the counter is off', async () => {
    const { code, summary } = await run(false);
    const want = expected({ lock: false, backend, steps: STEPS });
    expect(summary).toMatchObject({ expected: want, tasks: 6 });
    const lost = insightsOf(summary, 'lost-updates');
    if (summary.result !== want) {
      expect(code).toBe(1);
      expect(summary.ok).toBe(false);
      expect(lost).toHaveLength(1);
      expect(lost[0]!).toMatchObject({
        severity: 'problem',
        evidence: { details: { value: 'counter', expected: want, observed: summary.result } },
      });
      expect(lost[0]!.message).toContain(`expected ${want}, observed ${String(summary.result)}`);
    }
    // Whatever it names, it names the shared counter and the right expectation.
    for (const insight of lost) expect(insight.evidence.details).toMatchObject({ value: 'counter' });
  });
});
