/**
 * Who this context is and how its primitives are named. A context is one JS thread running the
 * runtime: a process's main thread or a worker thread. Its address, `"<pid>.<threadId>"`, is
 * unique on the machine while it lives, and names the owner of every primitive it creates.
 */
import { threadId } from 'node:worker_threads';
import type { Actor, PrimitiveKind } from '../../../shared/trace-schema';

/** This context's address: `"<pid>.<threadId>"`. */
export const selfAddress = `${process.pid}.${threadId}`;

/** This context as the actor of trace events. */
export const selfActor: Actor = Object.freeze({ pid: process.pid, tid: threadId });

/** Parses an address back into pid and thread id; null when malformed. */
export function parseAddress(address: string): Actor | null {
  const match = /^(\d+)\.(\d+)$/.exec(address);
  if (match === null) return null;
  return { pid: Number(match[1]), tid: Number(match[2]) };
}

/**
 * Tags name lock holders inside an int32 of shared memory. A context of the owner's process is
 * `threadId + 1` (so 0 can mean "free"); a context in another process gets a tag from this range,
 * assigned by the owner when it first acts for it.
 */
export const REMOTE_TAG_BASE = 1 << 20;

/** The tag of a context of *this* process (any thread). */
export function localTag(tid: number): number {
  return tid + 1;
}

const remoteTags = new Map<string, number>();

/** The tag of any context, as seen by this process: local threads by id, others by assignment. */
export function tagOf(address: string): number {
  const actor = parseAddress(address);
  if (actor !== null && actor.pid === process.pid) return localTag(actor.tid);
  let tag = remoteTags.get(address);
  if (tag === undefined) {
    tag = REMOTE_TAG_BASE + remoteTags.size;
    remoteTags.set(address, tag);
  }
  return tag;
}

/** How a primitive is named in the trace and in errors. */
export interface PrimitiveInfo {
  /** Owner-local number. */
  readonly id: number;
  /** Address of the owning context. */
  readonly owner: string;
  /** `<owner>/<id>`: unique within a session. */
  readonly objectId: string;
  readonly kind: PrimitiveKind;
  readonly name: string;
}

const TITLES: Record<PrimitiveKind, string> = {
  lock: 'Lock',
  rlock: 'RLock',
  semaphore: 'Semaphore',
  'bounded-semaphore': 'BoundedSemaphore',
  condition: 'Condition',
  event: 'Event',
  barrier: 'Barrier',
  value: 'Value',
  array: 'Array',
  queue: 'Queue',
  'joinable-queue': 'JoinableQueue',
  'simple-queue': 'SimpleQueue',
  pipe: 'Pipe',
  dict: 'Dict',
  list: 'List',
};

let nextId = 1;

/** Names a new primitive owned by this context: `name`, or `"<Kind>-<n>"` as Python names processes. */
export function newPrimitiveInfo(kind: PrimitiveKind, name?: string): PrimitiveInfo {
  const id = nextId++;
  return Object.freeze({
    id,
    owner: selfAddress,
    objectId: `${selfAddress}/${id}`,
    kind,
    name: name ?? `${TITLES[kind]}-${id}`,
  });
}
