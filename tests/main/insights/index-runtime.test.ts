import { afterEach, describe, expect, it } from 'vitest';
import { computeInsights } from '../../../src/main/insights/index';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { setTraceSink, task, Value } from '../../../src/workers/runtime/index';
import { fixture, TraceRecorder, trackedPool } from '../../workers/runtime/helpers';

const step = task(fixture('insights-tasks.ts'), 'step');
const nap = task(fixture('insights-tasks.ts'), 'nap');

/** Runs race-counter (2 adders, 1 subtractor) on a traced pool; its trace and final value. */
async function raceCounter(backend: 'process' | 'thread', locked: boolean) {
  const events: TraceEvent[] = [];
  setTraceSink((batch) => events.push(...batch));
  const counter = new Value('i', 0, { name: 'counter' });
  const pool = trackedPool({ processes: 2, backend });
  const steps = 150;
  await pool.starmap(
    step,
    [
      [counter, steps, 1, locked],
      [counter, steps, 1, locked],
      [counter, steps, -1, locked],
    ],
    1,
  );
  await pool.close();
  await pool.join();
  return { events, observed: Number(await counter.get()), expected: steps };
}

describe.each(['thread', 'process'] as const)(
  'insights of real race-counter traces (%s backend)',
  (backend) => {
    afterEach(() => setTraceSink(null));

    it('reports no lost update when every step holds the lock', async () => {
      const run = await raceCounter(backend, true);
      expect(run.observed).toBe(run.expected);
      const insights = computeInsights(run.events, { cores: 2 });
      expect(insights.filter((i) => i.kind === 'lost-updates')).toEqual([]);
      expect(insights.filter((i) => i.severity === 'problem')).toEqual([]);
    });

    it('reports lost updates with expected and observed whenever the unlocked counter is off', async () => {
      const run = await raceCounter(backend, false);
      const lost = computeInsights(run.events, { cores: 2 }).filter((i) => i.kind === 'lost-updates');
      if (run.observed !== run.expected) {
        expect(lost).toHaveLength(1);
        expect(lost[0]!.evidence.details).toMatchObject({ expected: run.expected, observed: run.observed });
      }
      // Every lost update it names really interleaved: four events, two actors, reads first.
      for (const insight of lost) {
        const [a, b, c, d] = insight.evidence.events!.map((k) => run.events[k]!);
        expect([a!.type, b!.type]).toEqual(['value-read', 'value-read']);
        expect([c!.type, d!.type]).toEqual(['value-write', 'value-write']);
      }
    });
  },
);

describe.each(['thread', 'process'] as const)('insights of real apply traces (%s backend)', (backend) => {
  afterEach(() => setTraceSink(null));

  /** A pool of 2 whose workers are both up (their worker-spawn seen): start-up does not blur the run. */
  async function readyPool() {
    const recorder = new TraceRecorder();
    setTraceSink(recorder.sink);
    const pool = trackedPool({ processes: 2, backend });
    await pool.map(nap, [0, 0], 1);
    // Worker ids are unique in the process: wait for this pool's second spawn, whatever its id.
    let spawned = 0;
    await recorder.waitFor((e) => e.type === 'worker-spawn' && ++spawned === 2);
    return { pool, recorder };
  }

  it('reports `apply` in a loop as serialised by the caller, and not `applyAsync`', async () => {
    const { pool, recorder } = await readyPool();
    for (let k = 0; k < 4; k++) await pool.apply(nap, [4]);
    const looped = computeInsights(recorder.events, { cores: 2 }).filter((i) => i.kind === 'serialised');
    expect(looped).toHaveLength(1);
    expect(looped[0]!.evidence.details).toMatchObject({ submittedAfterPrevious: true, workers: 2 });

    const { pool: pool2, recorder: recorder2 } = await readyPool();
    const results = Array.from({ length: 4 }, () => pool2.applyAsync(nap, [4]));
    await Promise.all(results.map((r) => r.get()));
    const together = computeInsights(recorder2.events, { cores: 2 }).filter((i) => i.kind === 'serialised');
    expect(together).toEqual([]);
  });
});
