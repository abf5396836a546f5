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

/**
 * Longest a probe may run before it is killed with its workers (an error row, not a hung
 * harness). Generous: the longest full-mode probe takes well under a minute on a quiet machine.
 * The runner lowers it for `--tiny` (see sizes.ts).
 */
let probeTimeoutMs = 300_000;

/** Sets the time limit of every probe started from now on. */
export function setProbeTimeout(ms: number): void {
  probeTimeoutMs = ms;
}

/** Runs `command args` as a probe (its own process group, killed after `timeoutMs`); resolves with its result line. */
export function runProbe(
  label: string,
  command: string,
  args: string[],
  timeoutMs: number,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a probe that hangs is killed with its workers (kill(-pid)).
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    track(child.pid);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
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
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(probeFailed(label, error.message, ''));
    });
    // 'close' waits for stdio to drain, so the result line has been read by then.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      untrack(child.pid);
      const stderr = tail.join('\n');
      if (timedOut) return reject(probeFailed(label, `timed out after ${timeoutMs / 1000} s`, stderr));
      if (code !== 0) return reject(probeFailed(label, `exited with ${signal ?? `code ${code}`}`, stderr));
      if (badLine !== undefined) return reject(probeFailed(label, `unparsable result: ${badLine}`, stderr));
      if (!found) return reject(probeFailed(label, 'printed no result line', stderr));
      resolve(result);
    });
  });
}

/** Process groups of probes still running, killed if the harness itself is stopped. */
const running = new Set<number>();
let handlersInstalled = false;

function track(pid: number | undefined): void {
  if (pid === undefined) return;
  running.add(pid);
  if (handlersInstalled) return;
  handlersInstalled = true;
  // Detached probes do not get the terminal's Ctrl-C: pass it on, so nothing is left running.
  process.once('exit', () => running.forEach(killGroup));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      running.forEach(killGroup);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

function untrack(pid: number | undefined): void {
  if (pid !== undefined) running.delete(pid);
}

/** SIGKILL to a probe's whole process group (it and every worker it started). */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Runs the built `bench/probes/<name>` of the build in `buildDir` with `args` (one JSON argument). */
export function runNodeProbe(
  buildDir: string,
  name: string,
  args: object,
  timeoutMs = probeTimeoutMs,
): Promise<unknown> {
  const file = join(buildDir, 'bench', 'probes', `${name}.js`);
  return runProbe(name, process.execPath, [file, JSON.stringify(args)], timeoutMs);
}

/** Runs `bench/python/<script>` with command-line `args`. */
export function runPythonProbe(script: string, args: string[], timeoutMs = probeTimeoutMs): Promise<unknown> {
  // -B: the peers import a shared module (lock_common.py); leave no __pycache__ in bench/.
  return runProbe(script, pythonCommand(), ['-B', join(BENCH_DIR, 'python', script), ...args], timeoutMs);
}
