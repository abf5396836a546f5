/**
 * A complete Parascope workload: counts the primes below `limit` in chunks on a pool of
 * workers, while every task adds one to a counter in shared memory under its lock.
 *
 *     npx parascope run examples/prime-count.ts
 *     npx parascope run examples/prime-count.ts --param workers=4 --backend thread --param lock=false
 *
 * or, in the app, Timeline → Open workload… (in the browser shell: type the file's path).
 *
 * The shape every workload has: task functions and `main(ctx, params)` exported; optionally
 * `expected` (the right answer, so the run reports pass or fail), `params` (what the app shows
 * as controls and `--param` accepts), `title` and `purpose`.
 */
import { Pool, Value, task } from 'parascope/runtime';

export const title = 'Prime counting';
export const purpose =
  'Count primes in chunks on a pool; a shared counter, bumped under its lock, tallies the chunks.';

export const params = [
  { kind: 'int', name: 'workers', label: 'Workers', default: 2, min: 1, max: 16 },
  { kind: 'int', name: 'limit', label: 'Count primes below', default: 200_000, min: 2, max: 50_000_000 },
  { kind: 'int', name: 'chunks', label: 'Chunks', default: 8, min: 1, max: 1_000 },
  { kind: 'enum', name: 'backend', label: 'Backend', options: ['process', 'thread'], default: 'process' },
  { kind: 'bool', name: 'lock', label: 'Bump the counter under its lock', default: true },
] as const;

/** The values `main` gets: one per declaration above, given or default. */
interface Params {
  workers: number;
  limit: number;
  chunks: number;
  backend: 'process' | 'thread';
  lock: boolean;
}

/** What `main` is handed: `log` prints a line (the CLI's stderr, the app's output). */
interface Context {
  readonly signal: AbortSignal;
  log(line: string): void;
}

// Each worker's own copy, set by the pool's initializer before its first task.
let chunksDone: Value | undefined;
let underLock = true;

/** Pool initializer: runs once in every worker. */
export function init(counter: Value, lock: boolean): void {
  chunksDone = counter;
  underLock = lock;
}

function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

/** The task: counts the primes in [from, to), then bumps the shared counter. */
export async function countPrimes([from, to]: [number, number]): Promise<number> {
  let count = 0;
  for (let n = from; n < to; n++) if (isPrime(n)) count++;
  // get-then-set is two steps: two workers can read the same value and one bump is lost,
  // unless the value's lock is held around both (try --param lock=false).
  const counter = chunksDone!;
  const bump = async (): Promise<void> => counter.set(Number(await counter.get()) + 1);
  if (underLock) await counter.getLock().withLock(bump);
  else await bump();
  return count;
}

/** [from, to) ranges that cover 0..limit in `chunks` nearly equal parts. */
function ranges(limit: number, chunks: number): [number, number][] {
  const size = Math.ceil(limit / chunks);
  return Array.from({ length: chunks }, (_, i): [number, number] => [
    Math.min(i * size, limit),
    Math.min((i + 1) * size, limit),
  ]);
}

export async function main(ctx: Context, p: Params): Promise<{ primes: number; chunks: number }> {
  const counter = new Value('i', 0);
  const pool = new Pool({
    processes: p.workers,
    backend: p.backend,
    initializer: task(import.meta.url, 'init'),
    initargs: [counter, p.lock],
  });
  try {
    const counts = await pool.map<[number, number], number>(
      task(import.meta.url, 'countPrimes'),
      ranges(p.limit, p.chunks),
    );
    const primes = counts.reduce((a, b) => a + b, 0);
    ctx.log(`${primes} primes below ${p.limit}`);
    return { primes, chunks: Number(await counter.get()) };
  } finally {
    pool.close();
    await pool.join();
  }
}

/** The right answer, by a sieve in one process: the run is ok when `main` returns this. */
export function expected(p: Params): { primes: number; chunks: number } {
  const composite = new Uint8Array(p.limit);
  let primes = 0;
  for (let n = 2; n < p.limit; n++) {
    if (composite[n]) continue;
    primes++;
    for (let m = n * n; m < p.limit; m += n) composite[m] = 1;
  }
  return { primes, chunks: p.chunks };
}
