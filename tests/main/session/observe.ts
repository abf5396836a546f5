// Test support: records what a session reports and lets a test wait for it, without sleeps.
import { readFileSync } from 'node:fs';
import { isTraceChunk, type SessionStatus } from '../../../src/shared/contract';
import { decodeChunk } from '../../../src/shared/trace-chunk';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import type { SessionObserver } from '../../../src/main/host/services';

/**
 * A recording observer with a promise for "a trace condition became true" and the final status.
 * It decodes each chunk as it comes, as a final consumer (a page) does.
 */
export interface Recorder extends SessionObserver {
  events: TraceEvent[];
  statuses: SessionStatus[];
  batches: number;
  /** Batches that were not a well-formed chunk when they reached the observer (always 0). */
  notChunks: number;
  /** Resolves once `predicate(events)` holds. */
  until(predicate: (events: TraceEvent[]) => boolean): Promise<void>;
  /** Resolves with the final status (finished, failed or stopped). */
  final: Promise<SessionStatus>;
}

export function recorder(): Recorder {
  const waiters: { predicate: (events: TraceEvent[]) => boolean; resolve: () => void }[] = [];
  let resolveFinal!: (status: SessionStatus) => void;
  const rec: Recorder = {
    events: [],
    statuses: [],
    batches: 0,
    notChunks: 0,
    final: new Promise((resolve) => (resolveFinal = resolve)),
    onTrace(chunk) {
      rec.batches++;
      if (!isTraceChunk(chunk)) rec.notChunks++;
      for (const event of decodeChunk(chunk)) rec.events.push(event);
      for (const w of [...waiters]) {
        if (w.predicate(rec.events)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    },
    onStatus(status) {
      rec.statuses.push(status);
      if (status.state !== 'running') resolveFinal(status);
    },
    until(predicate) {
      if (predicate(rec.events)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
  };
  return rec;
}

/** Distinct pids of workers that started a task. */
export function busyWorkerPids(events: TraceEvent[]): number[] {
  return [...new Set(events.flatMap((e) => (e.type === 'task-start' ? [e.pid] : [])))];
}

/**
 * Whether a process is still running. A zombie counts as gone: it has died and only waits for
 * its new parent to reap it, which this machine's init does lazily (seconds later).
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}
