/**
 * The shared-memory addon (native/shm.c, built by scripts/build-native.mjs into
 * `out/native/parascope-shm.node`): memfd segments that every process of a session maps, with
 * the atomic ops, futex wait/wake and plain cells that locks and values need on them. This
 * module is its interface and its loader; it never throws: without the addon, callers keep
 * today's paths (SharedArrayBuffer + the owner over IPC).
 */
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findNativeFile } from '../../native-file';

/** The addon's file name, under `out/native/` (checkout and built tree alike). */
export const SHM_NATIVE_NAME = 'parascope-shm.node';

/**
 * Environment variable: `off` disables the addon; a path (with a `/`, or ending in `.node`) loads
 * that file instead; other values (`on`, `calls`: the arena's switch) leave the search as is.
 */
export const SHM_ENV = 'PARASCOPE_SHM';

/** Cell kinds of getCell/setCell (sizes 1,1,2,2,4,4,4,8,8,8 bytes). */
export const CELL_KIND = {
  i8: 0,
  u8: 1,
  i16: 2,
  u16: 3,
  i32: 4,
  u32: 5,
  f32: 6,
  f64: 7,
  i64: 8,
  u64: 9,
} as const;
/** One of {@link CELL_KIND}'s values. */
export type CellKind = (typeof CELL_KIND)[keyof typeof CELL_KIND];

/**
 * The addon's functions. Every op validates its arguments: an unknown `seg`, an `off` out of the
 * segment or not aligned, a bad `kind` or number is a RangeError/TypeError naming the argument.
 */
export interface ShmNative {
  /** New segment of `bytes` (memfd_create MFD_CLOEXEC, ftruncate, mmap MAP_SHARED), zero-filled.
   *  The fd stays open for this process's life: other processes attach through it. */
  create(bytes: number): { seg: number; fd: number };
  /** Maps segment `fd` of process `pid` (/proc/<pid>/fd/<fd>, O_RDWR; size checked >= bytes).
   *  pid === own pid: the segment created here with that fd. Cached: same (pid, fd) → same seg.
   *  Throws Error (message says which file and errno text) when it cannot. */
  attach(pid: number, fd: number, bytes: number): number;
  /** int32 at byte offset `off` (4-aligned), sequentially consistent. */
  load(seg: number, off: number): number;
  /** Stores an int32 (int32 or uint32 range, kept as its 32 bits), sequentially consistent. */
  store(seg: number, off: number, value: number): void;
  /** Compare-and-swap; returns the previous value. */
  cas(seg: number, off: number, expected: number, value: number): number;
  /** Atomic add; returns the previous value. */
  add(seg: number, off: number, delta: number): number;
  /** FUTEX_WAKE (shared, not PRIVATE) of up to `count` waiters (>= 2^31-1 or Infinity: all); returns how many woke. */
  notify(seg: number, off: number, count: number): number;
  /** FUTEX_WAIT while the word equals `expected`, at most `timeoutMs` (finite, >= 0), on a native
   *  thread (not libuv's pool); `done` runs later on this JS thread with 0 woken (or spurious),
   *  1 not-equal, 2 timed out. A pending wait keeps the event loop alive. */
  wait(
    seg: number,
    off: number,
    expected: number,
    timeoutMs: number,
    done: (result: 0 | 1 | 2) => void,
  ): void;
  /** Plain (non-atomic, like a ctypes field) read of one cell; `off` aligned to its size.
   *  i64/u64 return bigint; the others number. */
  getCell(seg: number, off: number, kind: CellKind): number | bigint;
  /** Plain write of one cell; i64/u64 take bigint, the others number, stored as a typed array would. */
  setCell(seg: number, off: number, kind: CellKind, value: number | bigint): void;
  /** The whole segment as an ArrayBuffer over the mapping (a new one per call: cache it), for
   *  typed arrays and `Atomics` on it directly; null where V8 forbids buffers over outside
   *  memory (Electron's memory cage). */
  buffer(seg: number): ArrayBuffer | null;
  /** The calling thread's OS thread id (gettid). */
  tid(): number;
  /** False only when no thread `tid` exists (kill(tid, 0) fails with ESRCH). */
  alive(tid: number): boolean;
}

// Module state is per thread: each worker thread loads (and caches) the addon for itself.
let loaded = false;
let native: ShmNative | null = null;
let reason: string | null = null;

function load(): ShmNative | null {
  const chosen = process.env[SHM_ENV];
  if (chosen === 'off') {
    reason = `${SHM_ENV}=off`;
    return null;
  }
  if (process.platform !== 'linux') {
    reason = `not supported on ${process.platform} (Linux only)`;
    return null;
  }
  const chosenFile = chosen !== undefined && (chosen.includes(sep) || chosen.endsWith('.node'));
  const file = chosenFile ? chosen : findNativeFile(SHM_NATIVE_NAME, fileURLToPath(import.meta.url));
  if (!file) {
    reason = `${SHM_NATIVE_NAME} is not built (node scripts/build-native.mjs)`;
    return null;
  }
  try {
    return createRequire(import.meta.url)(file) as ShmNative;
  } catch (error) {
    reason = `cannot load ${file}: ${error instanceof Error ? error.message : String(error)}`;
    return null;
  }
}

/** The addon, loaded once per thread; null when off (PARASCOPE_SHM=off), not built, not Linux, or
 *  it failed to load (then `shmUnavailableReason()` says why). PARASCOPE_SHM=<path> loads that file. */
export function loadShmNative(): ShmNative | null {
  if (!loaded) {
    native = load();
    loaded = true;
  }
  return native;
}

/** Why {@link loadShmNative} returns null (loading it first if need be); null when it is loaded. */
export function shmUnavailableReason(): string | null {
  loadShmNative();
  return reason;
}
