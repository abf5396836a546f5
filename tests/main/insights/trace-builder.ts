/** Hand-built traces for the insight tests: one factory per event type, times in µs. */
import type { Actor, PrimitiveKind, TraceEvent } from '../../../src/shared/trace-schema';

/** A primitive as its events name it. */
export interface Obj {
  objectId: string;
  kind: PrimitiveKind;
  name: string;
}

export const MAIN: Actor = { pid: 100, tid: 0 };
export const P1: Actor = { pid: 101, tid: 0 };
export const P2: Actor = { pid: 102, tid: 0 };
export const P3: Actor = { pid: 103, tid: 0 };
export const P4: Actor = { pid: 104, tid: 0 };
/** Threads of the main process. */
export const T1: Actor = { pid: 100, tid: 1 };
export const T2: Actor = { pid: 100, tid: 2 };

let next = 1;
/** A fresh primitive of `kind` owned by the main process. */
export function obj(kind: PrimitiveKind, name?: string): Obj {
  const n = next++;
  return { objectId: `100.0/${n}`, kind, name: name ?? `${kind}-${n}` };
}

const on = (ts: number, a: Actor, o: Obj) => ({ ts, pid: a.pid, tid: a.tid, ...o });

export const req = (ts: number, a: Actor, o: Obj): TraceEvent => ({ type: 'lock-request', ...on(ts, a, o) });
export const acq = (
  ts: number,
  a: Actor,
  o: Obj,
  outcome: 'acquired' | 'abandoned' | 'timeout' | 'cancelled' = 'acquired',
): TraceEvent => ({ type: 'lock-acquire', ...on(ts, a, o), outcome });
export const rel = (ts: number, a: Actor, o: Obj, forced = false): TraceEvent => ({
  type: 'lock-release',
  ...on(ts, a, o),
  ...(forced ? { forced } : {}),
});
export const read = (ts: number, a: Actor, o: Obj, value: number | string, index?: number): TraceEvent => ({
  type: 'value-read',
  ...on(ts, a, o),
  value,
  ...(index === undefined ? {} : { index }),
});
export const write = (ts: number, a: Actor, o: Obj, value: number | string, index?: number): TraceEvent => ({
  type: 'value-write',
  ...on(ts, a, o),
  value,
  ...(index === undefined ? {} : { index }),
});
export const put = (ts: number, a: Actor, o: Obj, depth: number, ok = true): TraceEvent => ({
  type: 'queue-put',
  ...on(ts, a, o),
  ok,
  depth,
});
export const get = (ts: number, a: Actor, o: Obj, depth: number, error?: string): TraceEvent => ({
  type: 'queue-get',
  ...on(ts, a, o),
  ok: error === undefined,
  depth,
  ...(error === undefined ? {} : { error }),
});
export const recv = (ts: number, a: Actor, o: Obj, error?: string): TraceEvent => ({
  type: 'pipe-recv',
  ...on(ts, a, o),
  end: 1,
  ok: error === undefined,
  ...(error === undefined ? {} : { error }),
});
export const waitEnd = (ts: number, a: Actor, o: Obj, ok: boolean): TraceEvent => ({
  type: 'event-signal',
  ...on(ts, a, o),
  action: 'wait-end',
  ok,
});
export const procStart = (
  ts: number,
  a: Actor,
  name: string,
  backend: 'process' | 'thread' = 'process',
): TraceEvent => ({
  type: 'process-start',
  ts,
  pid: a.pid,
  tid: a.tid,
  name,
  backend,
  parentPid: MAIN.pid,
  target: './tasks.js#work',
});
export const procExit = (ts: number, a: Actor, name: string, exitCode = 0): TraceEvent => ({
  type: 'process-exit',
  ts,
  pid: a.pid,
  tid: a.tid,
  name,
  exitCode,
  signal: null,
});
export const spawn = (
  ts: number,
  workerId: number,
  pid: number,
  backend: 'process' | 'thread' = 'process',
): TraceEvent => ({
  type: 'worker-spawn',
  ts,
  workerId,
  pid,
  backend,
});
export const workerExit = (ts: number, workerId: number, pid: number): TraceEvent => ({
  type: 'worker-exit',
  ts,
  workerId,
  pid,
  code: 0,
  signal: null,
});
export const submit = (ts: number, taskId: string): TraceEvent => ({
  type: 'task-submit',
  ts,
  taskId,
  name: 'work',
  args: '1',
});
export const start = (ts: number, taskId: string, workerId: number, pid: number): TraceEvent => ({
  type: 'task-start',
  ts,
  taskId,
  workerId,
  pid,
});
export const end = (ts: number, taskId: string, workerId: number, pid: number): TraceEvent => ({
  type: 'task-end',
  ts,
  taskId,
  workerId,
  pid,
  ok: true,
});

/** A task that ran on `workerId` from `from` to `to`, submitted at `submitted` (default: `from`). */
export function task(
  id: string,
  workerId: number,
  pid: number,
  from: number,
  to: number,
  submitted = from,
): TraceEvent[] {
  return [submit(submitted, id), start(from, id, workerId, pid), end(to, id, workerId, pid)];
}

/** `n` process workers (pids 201…), spawned at 0, gone at `exit`. */
export function pool(n: number, exit: number): TraceEvent[] {
  return Array.from({ length: n }, (_, w) => [spawn(0, w, 201 + w), workerExit(exit, w, 201 + w)]).flat();
}

/** On each of the first `busy` workers of {@link pool}, one task from 1 000 to 101 000 µs. */
export function together(busy: number): TraceEvent[] {
  return Array.from({ length: busy }, (_, w) => task(`0:${w}`, w, 201 + w, 1_000, 101_000, 500)).flat();
}

/** Events in time order (a stable sort by `ts`). */
export function sorted(events: TraceEvent[]): TraceEvent[] {
  return [...events].sort((a, b) => a.ts - b.ts);
}
