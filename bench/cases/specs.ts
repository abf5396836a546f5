/**
 * What each case measures and its target, as issue 5 states them. The runners in this folder
 * fill in the numbers; cases the runtime cannot run yet are listed from here with a note.
 */
import type { CaseId, Target } from '../harness/types';

/** The fixed description of one case. */
export interface CaseSpec {
  id: CaseId;
  /** One line: the workload. */
  workload: string;
  unit: string;
  peerName: string | null;
  target: Target;
  /** Set for cases the runtime cannot run yet: why. */
  pending?: string;
}

const NEEDS_RUNTIME = 'not yet measurable: needs applyAsync/Lock/Queue (runtime issue)';

/** Every case, in the order. */
export const CASE_SPECS: readonly CaseSpec[] = [
  {
    id: 'map-throughput',
    workload: 'map(square, range(1e6)), default chunksize, 2 workers, tracing on',
    unit: 'items/s',
    peerName: 'Python multiprocessing.Pool(2).map',
    target: { metric: 'ratio', op: '>=', value: 1.2, text: '>= 1.2x peer' },
  },
  {
    id: 'task-throughput',
    workload: '50 000 single tasks, applyAsync, pipelined',
    unit: 'tasks/s',
    peerName: 'Python apply_async; piscina run',
    target: { metric: 'ratio', op: '>=', value: 5, text: '>= 5x Python, >= 2x piscina' },
    pending: NEEDS_RUNTIME,
  },
  {
    id: 'lock-process',
    workload: 'uncontended and 2-process contended acquire+release',
    unit: 'µs per lock+increment',
    peerName: 'Python Manager().Lock()',
    target: { metric: 'ratio', op: '<=', value: 1 / 3, text: "<= 1/3 of peer's time" },
    pending: NEEDS_RUNTIME,
  },
  {
    id: 'lock-thread',
    workload: 'uncontended and contended acquire+release, thread backend',
    unit: 'µs per lock+increment',
    peerName: 'Python multiprocessing.Lock',
    target: { metric: 'ratio', op: '<=', value: 2, text: "<= 2x peer's time" },
    pending: NEEDS_RUNTIME,
  },
  {
    id: 'queue-throughput',
    workload: '100 000 items producer -> consumer across processes',
    unit: 'items/s',
    peerName: 'Python multiprocessing.Queue',
    target: { metric: 'ratio', op: '>=', value: 1, text: '>= 1x peer' },
    pending: NEEDS_RUNTIME,
  },
  {
    id: 'tracing-overhead',
    workload: 'map-throughput with tracing on vs off (the task-throughput half needs applyAsync)',
    unit: 'items/s',
    peerName: 'Parascope itself, tracing off',
    target: { metric: 'ratio', op: '>=', value: 0.95, text: '<= 5% slower (ratio >= 0.95)' },
  },
  {
    id: 'event-pipeline',
    workload: 'trace events from 2 workers -> session -> host -> browser-shell WebSocket client',
    unit: 'events/s',
    peerName: null,
    target: { metric: 'parascope', op: '>=', value: 200_000, text: '>= 200 000 events/s, no loss' },
  },
  {
    id: 'sampler-cost',
    workload: 'per-core sampler at 10 Hz, CPU time of the sampling process',
    unit: '% of one core',
    peerName: 'systeminformation.currentLoad() at 10 Hz',
    target: { metric: 'parascope', op: '<=', value: 0.2, text: '<= 0.2% of one core' },
  },
];

/** The spec of one case. */
export function caseSpec(id: CaseId): CaseSpec {
  const spec = CASE_SPECS.find((s) => s.id === id);
  if (!spec) throw new RangeError(`caseSpec: unknown case id ${JSON.stringify(id)}`);
  return spec;
}
