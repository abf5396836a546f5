/**
 * The host's side of the native sampler helper (native/proc-stat-sampler.c, built by
 * scripts/build-native.mjs): where the binary is, starting it, and turning what it writes into
 * samples. The helper sleeps in the kernel between readings and writes a group of samples every
 * `deliveryMs`, so this process is woken only for the groups (docs/BENCHMARKS.md, `sampler-cost`).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { asarUnpacked, findNativeFile } from '../../workers/native-file';
import { parseProcStat } from './proc-stat-parse';
import type { RawSample, SampleSource, SampleSourceOptions } from './sample-source';

/** The helper's file name, under `out/native/` (built tree and checkout alike). */
export const NATIVE_SAMPLER_NAME = 'parascope-sampler';

/** Environment variable naming the helper to use instead, or `off` to use none. */
export const NATIVE_SAMPLER_ENV = 'PARASCOPE_SAMPLER_HELPER';

const here = fileURLToPath(import.meta.url);
/** Longest stderr kept to explain a failure. */
const MAX_STDERR = 2048;
const NEWLINE = 10;

/**
 * Finds the helper: `$PARASCOPE_SAMPLER_HELPER` if set (`off`: none), else `native/` or
 * `out/native/` seen from this module or a directory above it (`src/main/sampler` in a checkout,
 * `out/app/main/sampler` built). Inside a
 * packaged app the file lives in `app.asar.unpacked` (a binary in the archive cannot be run).
 * Returns null when there is no runnable helper (not built, not Linux).
 */
export function findNativeSampler(env: NodeJS.ProcessEnv = process.env, moduleFile = here): string | null {
  const chosen = env[NATIVE_SAMPLER_ENV];
  if (chosen === 'off') return null;
  if (!chosen) return findNativeFile(NATIVE_SAMPLER_NAME, moduleFile, constants.X_OK);
  const file = asarUnpacked(chosen);
  try {
    accessSync(file, constants.X_OK);
    return file;
  } catch {
    return null;
  }
}

/** Options of {@link startNativeSampler}. */
export interface NativeSamplerOptions extends SampleSourceOptions {
  /** The helper's path (see {@link findNativeSampler}). */
  binary: string;
}

/** A stream that can stop keeping the event loop alive (a pipe's socket). */
function unref(stream: unknown): void {
  if (stream && typeof (stream as { unref?: unknown }).unref === 'function') {
    (stream as { unref(): void }).unref();
  }
}

/**
 * Starts the helper. Like the sampling thread it never keeps this process alive, and it ends
 * when this process does (it exits at the end of its input, and on its parent's death).
 */
export function startNativeSampler(options: NativeSamplerOptions): SampleSource {
  const path = options.path ?? '/proc/stat';
  const child = spawn(options.binary, [path, String(options.hz), String(options.deliveryMs)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stopped = false;
  let cpuUs = 0;
  let pending: Buffer = Buffer.alloc(0);
  let stderr = '';
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    // A helper that could not be started emits 'error' and no 'exit'.
    child.once('error', () => resolve());
  });

  const fail = (error: Error): void => {
    if (stopped) return;
    stop();
    options.onFailure(error);
  };
  const cannot = (why: string): Error => new Error(`cannot sample ${path}: ${why}`);

  /** Takes every whole frame out of `pending`; returns false once it has failed. */
  const parseFrames = (samples: RawSample[]): boolean => {
    let at = 0;
    for (;;) {
      const end = pending.indexOf(NEWLINE, at);
      if (end < 0) break;
      const header = pending.toString('latin1', at, end);
      if (header.startsWith('E ')) {
        fail(cannot(header.slice(2)));
        return false;
      }
      const fields = header.split(' ');
      const length = Number(fields[4]);
      if (fields[0] !== 'S' || fields.length !== 5 || !Number.isSafeInteger(length) || length < 0) {
        fail(cannot(`the sampler helper wrote ${JSON.stringify(header.slice(0, 80))}`));
        return false;
      }
      if (pending.length < end + 1 + length) break;
      const reading = parseProcStat(pending.subarray(end + 1, end + 1 + length), false);
      if ('error' in reading) {
        fail(cannot(reading.error));
        return false;
      }
      samples.push({ t: Number(fields[1]), hz: Number(fields[2]), cpus: reading.cpus });
      cpuUs = Number(fields[3]);
      at = end + 1 + length;
    }
    pending = pending.subarray(at);
    return true;
  };

  child.stdout.on('data', (data: Buffer) => {
    if (stopped) return;
    pending = pending.length === 0 ? data : Buffer.concat([pending, data]);
    const samples: RawSample[] = [];
    if (parseFrames(samples) && samples.length > 0) options.onSamples(samples);
  });
  child.stderr.on('data', (data: Buffer) => {
    if (stderr.length < MAX_STDERR) stderr += data.toString('utf8').slice(0, MAX_STDERR - stderr.length);
  });
  // Writing a rate to a helper that just died: its 'exit' reports that.
  child.stdin.on('error', () => {});
  child.on('error', (error) => fail(cannot(`the sampler helper did not start (${error.message})`)));
  child.on('exit', (code, signal) => {
    const how = signal ? `signal ${signal}` : `status ${code}`;
    fail(cannot(`the sampler helper ended (${how})${stderr ? `: ${stderr.trim()}` : ''}`));
  });
  child.unref();
  unref(child.stdin);
  unref(child.stdout);
  unref(child.stderr);

  function stop(): void {
    if (stopped) return;
    stopped = true;
    child.stdout.removeAllListeners('data');
    // The end of its input ends it; the signal too, should it be stuck in a read.
    child.stdin.end();
    child.kill('SIGTERM');
  }

  return {
    setRate(hz) {
      if (!stopped) child.stdin.write(`R ${hz}\n`);
    },
    stop,
    exited,
    helperCpuUs: () => cpuUs,
  };
}
