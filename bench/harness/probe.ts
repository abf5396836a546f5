/**
 * Probes: every measurement runs in a fresh process (Parascope's under plain Node from the
 * probe build, see build.ts; the peers' under python3), so no run inherits another's heap, JIT
 * state or stray workers, and both sides pay their start-up outside their timed section. A probe prints exactly
 * one result line, `BENCH_RESULT <json>`; everything else it (or its workers) prints is ignored
 * on stdout and kept as a tail of stderr for error messages.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { probeFailed } from './bench-errors';

/** Prefix of a probe's result line. */
export const RESULT_MARKER = 'BENCH_RESULT ';

const STDERR_TAIL_LINES = 30;

/** The `bench/` directory. */
export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The Python interpreter the peers run on (`BENCH_PYTHON` overrides `python3`). */
export function pythonCommand(): string {
  return process.env.BENCH_PYTHON ?? 'python3';
}

/** Runs `command args`, resolves with the parsed result line. */
function runProbe(label: string, command: string, args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let result: unknown;
    let found = false;
    let badLine: string | undefined;
    const tail: string[] = [];
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => {
      if (!line.startsWith(RESULT_MARKER)) return;
      try {
        result = JSON.parse(line.slice(RESULT_MARKER.length));
        found = true;
      } catch {
        badLine = line.slice(0, 200);
      }
    });
    createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', (line) => {
      tail.push(line);
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
    });
    child.once('error', (error) => reject(probeFailed(label, error.message, '')));
    // 'close' waits for stdio to drain, so the result line has been read by then.
    child.once('close', (code, signal) => {
      const stderr = tail.join('\n');
      if (code !== 0) return reject(probeFailed(label, `exited with ${signal ?? `code ${code}`}`, stderr));
      if (badLine !== undefined) return reject(probeFailed(label, `unparsable result: ${badLine}`, stderr));
      if (!found) return reject(probeFailed(label, 'printed no result line', stderr));
      resolve(result);
    });
  });
}

/** Runs the built `bench/probes/<name>` of the build in `buildDir` with `args` (one JSON argument). */
export function runNodeProbe(buildDir: string, name: string, args: object): Promise<unknown> {
  const file = join(buildDir, 'bench', 'probes', `${name}.js`);
  return runProbe(name, process.execPath, [file, JSON.stringify(args)]);
}

/** Runs `bench/python/<script>` with command-line `args`. */
export function runPythonProbe(script: string, args: string[]): Promise<unknown> {
  return runProbe(script, pythonCommand(), [join(BENCH_DIR, 'python', script), ...args]);
}
