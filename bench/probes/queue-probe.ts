/**
 * Probe: `queue-throughput` on Parascope, mirroring bench/python/queue_throughput.py. This
 * process owns a Queue and consumes it; a producer child (a `Process` running
 * bench/tasks/queue-producer) puts "ready" and then the integers 0…items−1, awaiting each put. The clock starts once
 * "ready" is got and stops at the last item, so start-up stays outside. Items must arrive
 * complete and in order.
 *
 * Tracing on (queue-put/queue-get events to a counting sink) for the headline; with
 * `untraced`, every repeat also runs with no sink, alternating which goes first.
 *
 * Args (JSON): { items, warmupItems, repeats, untraced: boolean }.
 */
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Process, Queue, setTraceSink, task } from '../../src/workers/runtime';
import { badProbeArgument, probeCheckFailed } from '../harness/bench-errors';
import { emitResult, positiveNumber, readProbeArgs } from './probe-io';
import { TraceCount } from './trace-count';

const PROBE = 'queue-probe';
const args = readProbeArgs(PROBE);
const items = positiveNumber(PROBE, args, 'items');
const warmupItems = positiveNumber(PROBE, args, 'warmupItems');
const repeats = positiveNumber(PROBE, args, 'repeats');
if (typeof args.untraced !== 'boolean') throw badProbeArgument(PROBE, 'untraced', 'a boolean');

const here = fileURLToPath(import.meta.url);
const produce = task(join(dirname(here), '..', 'tasks', `queue-producer${extname(here)}`), 'produce');

/** Starts a producer of `n` items; the function returned resolves once it has exited cleanly. */
async function startProducer(queue: Queue, n: number): Promise<() => Promise<void>> {
  const child = new Process({ target: produce, args: [queue, n] });
  await child.start();
  return async () => {
    await child.join();
    if (child.exitCode !== 0) {
      const why = child.error?.message ?? '';
      throw probeCheckFailed(PROBE, `producer exited with ${child.exitCode}: ${why}`);
    }
  };
}

/** One producer→consumer run; returns seconds from "ready" to the last item. */
async function run(n: number, tracing: boolean, count: TraceCount): Promise<number> {
  // Chunks, counted by their records, as the app's session process takes them (lock-probe too).
  if (tracing) setTraceSink((chunk) => count.addChunk(chunk), { format: 'chunks' });
  else setTraceSink(null);
  const queue = new Queue();
  const finished = await startProducer(queue, n);
  const first = await queue.get();
  if (first !== 'ready') throw probeCheckFailed(PROBE, `the first item is ${String(first)}, not "ready"`);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const item = await queue.get();
    if (item !== i) throw probeCheckFailed(PROBE, `item ${i} arrived as ${String(item)}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  await finished();
  return seconds;
}

const traced: number[] = [];
const untraced: number[] = [];
/** The last traced run's events. */
let count = new TraceCount();
try {
  await run(warmupItems, true, new TraceCount());
  if (args.untraced) await run(warmupItems, false, new TraceCount());
  for (let round = 0; round < repeats; round++) {
    const settings = args.untraced ? (round % 2 === 0 ? [true, false] : [false, true]) : [true];
    for (const tracing of settings) {
      const runCount = new TraceCount();
      const seconds = await run(items, tracing, runCount);
      if (tracing) count = runCount;
      (tracing ? traced : untraced).push(seconds);
    }
  }
  emitResult({
    items,
    via: 'Process',
    traced: { seconds: traced, eventsByType: count.byType },
    ...(args.untraced ? { untraced: { seconds: untraced } } : {}),
  });
} finally {
  setTraceSink(null);
}
