/**
 * `parascope monitor [--seconds S] [--hz H] [--json]`: per-CPU load from the same sampler the
 * app's live view uses. Runs for S seconds, or until Ctrl-C when S is not given.
 */
import os from 'node:os';
import { SAMPLER_DEFAULT_HZ, SAMPLER_MAX_HZ, SAMPLER_MIN_HZ, type CoreSample } from '../../shared/samples';
import { aborted, defineCommand, println } from './command';

/** One sample as `monitor --json` prints it. */
export interface MonitorSample {
  /** Milliseconds since monitoring started (end of the sample's interval). */
  t: number;
  /** Per CPU: user + system, percent, one decimal. */
  load: number[];
}

/** What `monitor --json` prints. */
export interface MonitorReport {
  hz: number;
  cpus: number;
  samples: MonitorSample[];
}

const MAX_SECONDS = 3600;
const round1 = (x: number): number => Math.round(x * 10) / 10;

/** The `monitor` command. */
export const monitorCommand = defineCommand(
  {
    name: 'monitor',
    summary: 'Sample per-CPU load (user + system, percent) for a while.',
    args: [],
    flags: {
      seconds: {
        kind: 'number',
        value: 'S',
        help: 'How long to sample; until Ctrl-C when left out',
        min: 0,
        minExclusive: true,
        max: MAX_SECONDS,
      },
      hz: {
        kind: 'number',
        value: 'H',
        help: `Samples per second, default ${SAMPLER_DEFAULT_HZ}`,
        integer: true,
        min: SAMPLER_MIN_HZ,
        max: SAMPLER_MAX_HZ,
      },
      json: { kind: 'boolean', help: 'Print one JSON document at the end instead of a line per sample' },
    },
  },
  async ({ flags }, { io, signal, deps }) => {
    const hz = flags.hz ?? SAMPLER_DEFAULT_HZ;
    const report: MonitorReport = { hz, cpus: os.cpus().length, samples: [] };
    // A line per sample as it is taken: delivering in groups saves CPU the app needs, not a terminal.
    const sampler = deps.createCoreSampler({ hz, deliveryMs: 0 });
    const started = Date.now();
    // S seconds at H Hz is S×H samples: stop on the count, not on a timer racing the last one.
    const wanted = flags.seconds === undefined ? Infinity : Math.max(1, Math.round(flags.seconds * hz));
    let enough: () => void = () => {};
    const collected = new Promise<void>((resolve) => (enough = resolve));
    const unsubscribe = sampler.subscribe((sample: CoreSample) => {
      if (report.samples.length >= wanted) return;
      const entry = {
        t: Math.max(0, Math.round(sample.t - started)),
        load: sample.cores.map((c) => round1(c.user + c.system)),
      };
      report.samples.push(entry);
      if (!flags.json) {
        const t = `${(entry.t / 1000).toFixed(2)}s`.padStart(8);
        println(
          io.stdout,
          `${t}  total ${round1(sample.total).toFixed(1).padStart(5)}%  ${entry.load.map((l) => l.toFixed(1).padStart(5)).join(' ')}`,
        );
      }
      if (report.samples.length >= wanted) enough();
    });
    // The sampler's timers are unref'd: this one keeps the process up until the samples are in
    // or Ctrl-C; it never fires.
    const keepAlive = setInterval(() => {}, 2 ** 30);
    try {
      await Promise.race([collected, aborted(signal)]);
    } finally {
      clearInterval(keepAlive);
      unsubscribe();
      sampler.dispose();
    }
    if (flags.json) println(io.stdout, JSON.stringify(report));
    return 0;
  },
);
