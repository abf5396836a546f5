/**
 * `npm run bench [-- --quick | --tiny] [--only ids] [--out file]`: runs the benchmark cases of
 * issue 5, prints a table (stdout; progress goes to stderr) and writes the results as JSON
 * (`bench/results.json` by default). Exits 1 when a case failed to run, 2 on a bad option;
 * a missed target is a result, not a failure.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs, USAGE, type BenchOptions } from './harness/args';
import { runBench } from './harness/runner';
import { modeCaveats, SIZES } from './harness/sizes';
import { formatNotes, formatTable } from './harness/table';

let options: BenchOptions;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const t0 = performance.now();
const results = await runBench({ mode: options.mode, only: options.only });
const seconds = (performance.now() - t0) / 1000;
await mkdir(dirname(options.out), { recursive: true });
await writeFile(options.out, `${JSON.stringify(results, null, 2)}\n`);

const m = results.machine;
const caveats = modeCaveats(options.mode, SIZES[options.mode]);
process.stdout.write(
  [
    `Parascope benchmarks (${options.mode}), ${m.date}`,
    `${m.cpuModel}, ${m.cores} cores, ${m.os}, Node ${m.node}, ${m.python}`,
    `load average (1 min): ${m.loadAverage.start.toFixed(2)} at start, ${m.loadAverage.end.toFixed(2)} at end`,
    '',
    formatTable(results.cases),
    '',
    formatNotes(caveats, results.cases),
    '',
    `ratio = Parascope / peer (medians). Took ${seconds.toFixed(0)} s; results in ${options.out}`,
    '',
  ].join('\n'),
);
if (results.cases.some((c) => c.status === 'error')) process.exitCode = 1;
