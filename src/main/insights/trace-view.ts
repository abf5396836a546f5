/**
 * The trace as every detector reads it: events in time order, who is who (names for messages),
 * and when each context ended. Built once per {@link computeInsights} call.
 */
import type { InsightContext } from '../../shared/insights';
import type { TraceEvent } from '../../shared/trace-schema';

/** A pool worker as its `worker-spawn` / `worker-exit` describe it. */
export interface WorkerInfo {
  workerId: number;
  pid: number;
  backend: 'process' | 'thread';
  spawnTs: number;
  exitTs?: number;
}

/** Read-only view of one trace shared by the detectors. */
export interface TraceView {
  readonly events: readonly TraceEvent[];
  /** Indexes into `events`, ordered by `ts` (ties keep arrival order). */
  readonly order: readonly number[];
  /** `ts` of the first and last event (0 and 0 for an empty trace). */
  readonly startTs: number;
  readonly endTs: number;
  readonly context: InsightContext;
  /** Pool workers by `workerId`. */
  readonly workers: ReadonlyMap<number, WorkerInfo>;
  /** When the context `pid`/`tid` ended (a `process-exit`, or a process pool worker's `worker-exit`). */
  exitOf(pid: number, tid: number): number | undefined;
  /** Index of the event that ended the context, when {@link TraceView.exitOf} knows it. */
  exitEventOf(pid: number, tid: number): number | undefined;
  /** True when `pid`/`tid` is a `Process` child or a process pool worker (not the main program). */
  isChild(pid: number, tid: number): boolean;
  /** A name for messages: `Process-2 (pid 4243)`, `worker 1 (pid 4250)`, `pid 4242 thread 3`, … */
  nameOf(pid: number, tid: number): string;
}

/** Key of a context: `"<pid>.<tid>"`, as the runtime's addresses. */
export function actorKey(pid: number, tid: number): string {
  return `${pid}.${tid}`;
}

/** Indexes of `events` in time order; the identity when already ordered (the common case). */
function timeOrder(events: readonly TraceEvent[]): number[] {
  const order = Array.from({ length: events.length }, (_, i) => i);
  let sorted = true;
  for (let i = 1; i < events.length && sorted; i++) sorted = events[i - 1]!.ts <= events[i]!.ts;
  if (!sorted) order.sort((a, b) => events[a]!.ts - events[b]!.ts || a - b);
  return order;
}

/** Builds the view of `events` (which must be well-formed trace events). */
export function buildView(events: readonly TraceEvent[], context: InsightContext): TraceView {
  const order = timeOrder(events);
  const names = new Map<string, string>();
  const exits = new Map<string, { ts: number; index: number }>();
  // A process (not a thread) that ended takes every thread in it along.
  const pidExits = new Map<number, { ts: number; index: number }>();
  const processBackend = new Set<string>();
  const parents = new Set<number>();
  const children = new Set<string>();
  const workers = new Map<number, WorkerInfo>();
  const workerPids = new Map<number, number>();
  for (const i of order) {
    const e = events[i]!;
    switch (e.type) {
      case 'process-start':
        names.set(actorKey(e.pid, e.tid), e.name);
        children.add(actorKey(e.pid, e.tid));
        parents.add(e.parentPid);
        if (e.backend === 'process') processBackend.add(actorKey(e.pid, e.tid));
        break;
      case 'process-exit': {
        const key = actorKey(e.pid, e.tid);
        exits.set(key, { ts: e.ts, index: i });
        if (processBackend.has(key) || e.tid === 0) pidExits.set(e.pid, { ts: e.ts, index: i });
        break;
      }
      case 'worker-spawn':
        workers.set(e.workerId, { workerId: e.workerId, pid: e.pid, backend: e.backend, spawnTs: e.ts });
        if (e.backend === 'process') workerPids.set(e.pid, e.workerId);
        break;
      case 'worker-exit': {
        const worker = workers.get(e.workerId);
        if (worker) worker.exitTs = e.ts;
        // A thread worker's pid is its pool's: only a process worker's exit says who ended.
        if (worker?.backend === 'process') pidExits.set(e.pid, { ts: e.ts, index: i });
        break;
      }
      default:
        break;
    }
  }
  const exitRecord = (pid: number, tid: number) => exits.get(actorKey(pid, tid)) ?? pidExits.get(pid);
  return {
    events,
    order,
    startTs: events.length > 0 ? events[order[0]!]!.ts : 0,
    endTs: events.length > 0 ? events[order[order.length - 1]!]!.ts : 0,
    context,
    workers,
    exitOf: (pid, tid) => exitRecord(pid, tid)?.ts,
    exitEventOf: (pid, tid) => exitRecord(pid, tid)?.index,
    isChild: (pid, tid) => children.has(actorKey(pid, tid)) || workerPids.has(pid),
    nameOf(pid, tid) {
      const name = names.get(actorKey(pid, tid));
      if (name !== undefined) return tid === 0 ? `${name} (pid ${pid})` : `${name} (thread ${tid})`;
      const workerId = workerPids.get(pid);
      if (workerId !== undefined) return `worker ${workerId} (pid ${pid})`;
      if (tid === 0) return parents.has(pid) ? `the main process (pid ${pid})` : `pid ${pid}`;
      return `pid ${pid} thread ${tid}`;
    },
  };
}
