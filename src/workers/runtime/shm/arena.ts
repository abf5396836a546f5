/**
 * Where primitives created here put their state when the shared-memory addon is available: a
 * bump arena of segments (memfd, 1 MiB each, pages touched only when used) that any process of
 * the session can map. A block is named by plain data ({@link ShmPlace}) that travels in a
 * primitive's wire form; the receiving context attaches the segment through
 * `/proc/<pid>/fd/<fd>` and works on the same memory.
 *
 * Blocks are never freed: a primitive's few bytes live as long as the process that made it
 * (segments close with it). Past {@link MAX_ARENA_BYTES} new primitives use this process's
 * SharedArrayBuffers instead, as they do where the addon is missing.
 */
import { randomBytes } from 'node:crypto';
import { loadShmNative, type ShmNative } from './shm-native';

/**
 * A block of a segment, as plain data: the segment (its creator's pid and fd, its size, and an
 * id of its own: a pid and an fd are reused once their process is gone) and the offset.
 */
export interface ShmPlace {
  readonly pid: number;
  readonly fd: number;
  readonly bytes: number;
  readonly id: string;
  readonly offset: number;
}

/** A block mapped here: the addon, the segment handle, and where it is. */
export interface ShmBlock {
  readonly native: ShmNative;
  readonly seg: number;
  readonly place: ShmPlace;
}

const SEGMENT_BYTES = 1 << 20;
/** Most segment memory one context hands out before new primitives fall back to SABs. */
export const MAX_ARENA_BYTES = 256 << 20;

interface Segment {
  seg: number;
  fd: number;
  bytes: number;
  id: string;
  used: number;
}

let current: Segment | null = null;
let total = 0;
let enabled = true;
// PARASCOPE_SHM=calls: segments through the addon's calls only, as in Electron (for tests and comparisons).
let mapping = process.env.PARASCOPE_SHM !== 'calls';
const attached = new Map<string, number | null>();
const buffers = new Map<number, ArrayBuffer | null>();

/**
 * @internal Whether primitives created from now on in this context use segments (tests compare
 * both memories; `PARASCOPE_SHM=off` is the user's switch).
 */
export function setShmForNewPrimitives(on: boolean): void {
  enabled = on;
}

/**
 * @internal Whether contexts address segments directly where V8 allows it (tests take the
 * addon-call path Electron takes by turning it off).
 */
export function setShmMapping(on: boolean): void {
  mapping = on;
  buffers.clear();
}

/**
 * The whole segment of `block` as an ArrayBuffer over the mapping (one per segment and thread),
 * or null where V8 may not address outside memory (Electron's memory cage) or mapping is off.
 */
export function mappedBuffer(block: ShmBlock): ArrayBuffer | null {
  if (!mapping) return null;
  let buffer = buffers.get(block.seg);
  if (buffer === undefined) {
    buffer = block.native.buffer(block.seg);
    buffers.set(block.seg, buffer);
  }
  return buffer;
}

/** A new zeroed block of `size` bytes (8-aligned), or null where segments are not used. */
export function allocateShm(size: number): ShmBlock | null {
  if (!enabled) return null;
  const native = loadShmNative();
  if (native === null) return null;
  const need = Math.ceil(size / 8) * 8;
  if (current === null || current.used + need > current.bytes) {
    const bytes = Math.max(SEGMENT_BYTES, Math.ceil(need / 4096) * 4096);
    if (total + bytes > MAX_ARENA_BYTES) return null;
    try {
      const { seg, fd } = native.create(bytes);
      total += bytes;
      current = { seg, fd, bytes, id: randomBytes(8).toString('hex'), used: 0 };
    } catch {
      // Out of memory or file descriptors: this primitive lives in a SharedArrayBuffer.
      return null;
    }
  }
  const offset = current.used;
  current.used += need;
  return {
    native,
    seg: current.seg,
    place: Object.freeze({ pid: process.pid, fd: current.fd, bytes: current.bytes, id: current.id, offset }),
  };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/**
 * The block a wire form names, mapped here; null when it cannot be (no addon, the creator gone,
 * no access to its /proc): the caller then reaches the owner instead. Failures are remembered
 * per segment, so a context does not retry one on every revive.
 */
export function attachShm(place: unknown): ShmBlock | null {
  if (typeof place !== 'object' || place === null) return null;
  const { pid, fd, bytes, id, offset } = place as Record<string, unknown>;
  if (!isCount(pid) || !isCount(fd) || !isCount(bytes) || !isCount(offset) || offset >= bytes) return null;
  if (typeof id !== 'string') return null;
  const native = loadShmNative();
  if (native === null) return null;
  // By the segment's own id: a later process with the same pid and fd has another segment (the
  // addon checks the file itself too when it maps one).
  const key = `${pid}/${fd}/${id}`;
  let seg = attached.get(key);
  if (seg === undefined) {
    try {
      seg = native.attach(pid, fd, bytes);
    } catch {
      seg = null;
    }
    attached.set(key, seg);
  }
  return seg === null ? null : { native, seg, place: { pid, fd, bytes, id, offset } };
}
