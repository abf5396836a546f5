/**
 * The behaviour both sample sources share (the native helper and the sampling thread), run
 * against each by its own test file: fake /proc/stat files, real helper process or thread.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RawSample, SampleSource, SampleSourceOptions } from '../../../src/main/sampler/sample-source';

const dir = mkdtempSync(join(tmpdir(), 'parascope-sample-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** Writes a fake /proc/stat and returns its path. */
function statFile(text: string): string {
  const path = join(dir, `stat-${files++}`);
  writeFileSync(path, text);
  return path;
}

// The layout of a real /proc/stat: the sum over CPUs, one line per CPU (user nice system idle
// iowait irq softirq steal guest guest_nice), then other counters.
const STAT = [
  'cpu  1743081 8315 350997 1431748 9202 0 1564 1544 0 0',
  'cpu0 866062 4356 172882 726760 1850 7 400 756 0 0',
  'cpu1 877019 3958 178114 704988 7351 1164 1164 788 0 0',
  'cpu12   5 0 1 2 3 4',
  'intr 24493070 0 0 0 0 0',
  'ctxt 46521456',
  'btime 1764150000',
  '',
].join('\n');

/** Starts a source that records deliveries; `next()` resolves with the next one. */
function recorder(
  startSource: (options: SampleSourceOptions) => SampleSource,
  options: Partial<SampleSourceOptions> & { path: string },
) {
  const deliveries: RawSample[][] = [];
  const waiting: Array<(samples: RawSample[]) => void> = [];
  let failure: ((error: Error) => void) | undefined;
  const failed = new Promise<Error>((resolve) => (failure = resolve));
  const source = startSource({
    hz: 50,
    deliveryMs: 0,
    ...options,
    onSamples: (samples) => {
      deliveries.push(samples);
      waiting.shift()?.(samples);
    },
    onFailure: (error) => failure?.(error),
  });
  const next = (): Promise<RawSample[]> => new Promise((resolve) => waiting.push(resolve));
  return { source, deliveries, next, failed };
}

/** What a source does with CPU lines that outgrow its first reading. */
export type Outgrown = 'fails' | 'reads';

/**
 * The behaviour every sample source shares (sample-source.ts), as tests of the source `name`
 * that `startSource` starts. `outgrown`: the thread's ring is sized from its first reading and
 * fails when CPUs outgrow it; the helper reads whatever length comes.
 */
export function sampleSourceContract(
  name: string,
  startSource: (options: SampleSourceOptions) => SampleSource,
  outgrown: Outgrown,
): void {
  describe(name, () => {
    const start = (options: Partial<SampleSourceOptions> & { path: string }) =>
      recorder(startSource, options);

    it('reads user, nice, system, idle and irq of every CPU line, in ms, skipping iowait', async () => {
      const { source, next } = start({ path: statFile(STAT) });
      const [baseline] = await next();
      source.stop();
      await source.exited;
      expect(baseline!.hz).toBe(50);
      expect(baseline!.t).toBeLessThanOrEqual(Date.now());
      expect(baseline!.cpus).toEqual([
        { times: { user: 8660620, nice: 43560, sys: 1728820, idle: 7267600, irq: 70 } },
        { times: { user: 8770190, nice: 39580, sys: 1781140, idle: 7049880, irq: 11640 } },
        { times: { user: 50, nice: 0, sys: 10, idle: 20, irq: 40 } },
      ]);
    });

    it('delivers the baseline first, then every sample in order, each stamped with its rate', async () => {
      const { source, next, deliveries } = start({ path: statFile(STAT), hz: 50 });
      await next();
      await next();
      source.setRate(25);
      let last: RawSample | undefined;
      while (last?.hz !== 25) last = (await next()).at(-1);
      source.stop();
      const times = deliveries.flat().map((s) => s.t);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(deliveries.flat().map((s) => s.hz)).toEqual(expect.arrayContaining([50, 25]));
    });

    it('groups samples when allowed to hold them, so the owner wakes less often', async () => {
      const { source, next } = start({ path: statFile(STAT), hz: 50, deliveryMs: 200 });
      await next(); // the baseline, delivered at once
      const group = await next();
      source.stop();
      // Holding a lone sample until the next is due keeps it within 200 ms: never posted alone.
      expect(group.length).toBeGreaterThan(1);
    });

    it('reads a file longer than its first read buffer', async () => {
      // 60 CPUs with 16-digit counters: about 9 kB, more than a 4 kB first read buffer.
      const big = 1234567890123456;
      const lines = ['cpu  0 0 0 0 0 0'];
      for (let i = 0; i < 60; i++)
        lines.push(`cpu${i} ${big + i} ${big} ${big} ${big} ${big} ${big} ${big} ${big} 0 0`);
      const { source, next } = start({ path: statFile(`${lines.join('\n')}\nintr 1\n`) });
      const [baseline] = await next();
      source.stop();
      expect(baseline!.cpus).toHaveLength(60);
      expect(baseline!.cpus[59]!.times.user).toBe((big + 59) * 10);
    });

    it(
      outgrown === 'fails'
        ? 'fails, rather than reading part of a CPU line, when CPUs outgrow the room it made'
        : 'reads every CPU when more come online than it first saw',
      async () => {
        const path = statFile(STAT);
        const { source, next, failed } = start({ path });
        await next();
        // Its first reading had three CPU lines; 43 now.
        const lines = ['cpu  0 0 0 0 0 0'];
        for (let i = 0; i < 43; i++) lines.push(`cpu${i} 100 2 3 4 5 6 7 8 0 0`);
        writeFileSync(path, `${lines.join('\n')}\nintr 1\n`);
        if (outgrown === 'fails') {
          expect((await failed).message).toMatch(/CPU lines longer than the buffer/);
        } else {
          let sample: RawSample | undefined;
          while (sample?.cpus.length !== 43) sample = (await next()).at(-1);
          expect(sample.cpus[42]!.times.user).toBe(1000);
          source.stop();
        }
        await source.exited;
      },
    );

    it('fails once, naming the file, when it cannot be read, and ends the source', async () => {
      const missing = join(dir, 'missing');
      const { source, failed, deliveries } = start({ path: missing });
      const error = await failed;
      await source.exited;
      expect(error.message).toContain(missing);
      expect(deliveries).toEqual([]);
    });

    it('fails when the file has no per-CPU lines in the expected format', async () => {
      for (const text of ['intr 1 2 3\n', 'cpu  1 2 3 4 5 6\ncpu0 1 2 x 4 5 6\n']) {
        const { source, failed } = start({ path: statFile(text) });
        expect((await failed).message).toMatch(/cannot sample .*(no per-CPU lines|unexpected format)/);
        await source.exited;
      }
    });

    it('calls nothing after stop() and ends the source', async () => {
      const { source, next, deliveries } = start({ path: statFile(STAT), hz: 50 });
      await next();
      source.stop();
      source.stop();
      const count = deliveries.length;
      await source.exited;
      // Let any message already queued from the thread be dispatched: it must be ignored.
      await new Promise((resolve) => setImmediate(resolve));
      expect(deliveries).toHaveLength(count);
    });
  });
}
