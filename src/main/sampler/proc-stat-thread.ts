/**
 * The owner's side of the sampling thread (see proc-stat-worker.ts): starts it, tells it the
 * rate, and turns the ring slots it published into snapshots when it posts a delivery.
 */
import { Worker } from 'node:worker_threads';
import { parseProcStat } from './proc-stat-parse';
import {
  CTL,
  CTL_WORDS,
  META,
  META_WORDS,
  PROC_STAT_WORKER_SOURCE,
  type ProcStatWorkerData,
  type ProcStatWorkerMessage,
} from './proc-stat-worker';
import type { RawSample, SampleSource, SampleSourceOptions } from './sample-source';

/** Options of {@link startProcStatThread}. */
export interface ProcStatThreadOptions extends SampleSourceOptions {
  /** Ring slots: how many samples may be pending before the oldest are overwritten. */
  slots?: number;
}

/** A running sampling thread. */
export type ProcStatThread = SampleSource;

const DEFAULT_SLOTS = 64;

/**
 * Starts the sampling thread. It is unref'd (never keeps a process alive) and runs until
 * {@link ProcStatThread.stop} or a failure.
 */
export function startProcStatThread(options: ProcStatThreadOptions): ProcStatThread {
  const slots = options.slots ?? DEFAULT_SLOTS;
  const data: ProcStatWorkerData = {
    ctl: new SharedArrayBuffer(CTL_WORDS * 4),
    settings: new SharedArrayBuffer(2 * 8),
    meta: new SharedArrayBuffer(slots * META_WORDS * 8),
    slots,
    path: options.path ?? '/proc/stat',
  };
  const ctl = new Int32Array(data.ctl);
  const settings = new Float64Array(data.settings);
  const meta = new Float64Array(data.meta);
  settings[0] = options.hz;
  settings[1] = options.deliveryMs;

  let stopped = false;
  let delivered = 0; // readings handed over (or skipped) so far
  let views: Buffer[] = [];
  let slotBytes = 0;
  // execArgv: [] so that a thread started under `--import tsx` does not load tsx too.
  // stdout/stderr: true, as the thread prints nothing: by default its output is piped to
  // process.stdout, which would create that stream (and load net/tty) in a process that may
  // never use it, growing this thread's heap for nothing.
  const worker = new Worker(PROC_STAT_WORKER_SOURCE, {
    eval: true,
    workerData: data,
    execArgv: [],
    stdout: true,
    stderr: true,
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));

  const wake = (): void => {
    Atomics.add(ctl, CTL.GEN, 1);
    Atomics.notify(ctl, CTL.GEN);
  };

  const collect = (): void => {
    const published = Atomics.load(ctl, CTL.COUNT);
    // Slots older than the ring were overwritten: the next sample then covers a longer span.
    let index = Math.max(delivered, published - slots + 1);
    const samples: RawSample[] = [];
    for (; index < published; index++) {
      const slot = index % slots;
      const at = slot * META_WORDS;
      const length = meta[at + META.LENGTH]!;
      const reading = parseProcStat(views[slot]!.subarray(0, length), length === slotBytes);
      // The thread may have started overwriting this slot while it was parsed: skip it.
      if (Atomics.load(ctl, CTL.COUNT) >= index + slots) continue;
      if ('error' in reading) return fail(new Error(`cannot sample ${data.path}: ${reading.error}`));
      samples.push({ t: meta[at + META.T]!, hz: meta[at + META.HZ]!, cpus: reading.cpus });
    }
    delivered = published;
    if (samples.length > 0) options.onSamples(samples);
  };

  const fail = (error: Error): void => {
    if (stopped) return;
    stop();
    options.onFailure(error);
  };

  worker.on('message', (message: ProcStatWorkerMessage) => {
    if (stopped) return;
    if (typeof message === 'number') return collect();
    if ('failed' in message) return fail(new Error(`cannot sample ${data.path}: ${message.failed}`));
    slotBytes = message.slotBytes;
    views = Array.from({ length: slots }, (_, i) => Buffer.from(message.ring, i * slotBytes, slotBytes));
    collect();
  });
  worker.on('error', (error: Error) => fail(error));
  worker.on('exit', () => fail(new Error('the sampling thread ended unexpectedly')));
  // After the listeners: adding the first 'message' listener refs the worker's port again.
  worker.unref();

  function stop(): void {
    if (stopped) return;
    stopped = true;
    Atomics.store(ctl, CTL.STOP, 1);
    wake();
    worker.removeAllListeners('message');
    // Terminate too: the thread may be busy in a read; both paths end it within milliseconds.
    worker.terminate().catch(() => {});
  }

  return {
    setRate(hz) {
      settings[0] = hz;
      wake();
    },
    stop,
    exited,
    helperCpuUs: () => 0,
  };
}
