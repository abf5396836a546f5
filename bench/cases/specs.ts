/**
 * What each case measures and its target, as issue 5 states them. The runners in this folder
 * fill in the numbers.
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
}

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
    workload: '50 000 single tasks inc(i), applyAsync, pipelined, 2 workers, tracing on',
    unit: 'tasks/s',
    peerName: 'Python Pool(2).apply_async; piscina run (2 threads)',
    target: { metric: 'ratio', op: '>=', value: 5, text: '>= 5x Python, >= 2x piscina' },
  },
  {
    id: 'lock-process',
    workload: 'Lock + Value passed to process-pool tasks: uncontended (1 process), contended (2)',
    unit: 'µs per lock+increment',
    peerName: 'Python Manager().Lock() + Manager().Value',
    target: { metric: 'ratio', op: '<=', value: 1 / 3, text: "<= 1/3 of peer's time" },
  },
  {
    id: 'lock-thread',
    workload: 'Lock + Value (shared memory) passed to thread-pool tasks: uncontended (1), contended (2)',
    unit: 'µs per lock+increment',
    peerName: 'Python multiprocessing.Lock + Value(lock=False)',
    target: { metric: 'ratio', op: '<=', value: 2, text: "<= 2x peer's time" },
  },
  {
    id: 'queue-throughput',
    workload: '100 000 items, producer child process -> Queue -> consumer (the parent)',
    unit: 'items/s',
    peerName: 'Python multiprocessing.Queue',
    target: { metric: 'ratio', op: '>=', value: 1, text: '>= 1x peer' },
  },
  {
    id: 'tracing-overhead',
    workload: 'map-throughput and task-throughput with tracing on vs off',
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
