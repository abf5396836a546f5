import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../../src/main/insights/index';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import {
  acq,
  get,
  obj,
  P1,
  P2,
  procExit,
  procStart,
  put,
  rel,
  req,
  spawn,
  T1,
  workerExit,
} from './trace-builder';

const deadlocks = (events: TraceEvent[]) =>
  computeInsights(events, { cores: 2 }).filter((i) => i.kind === 'deadlock');

describe('deadlock (waiting on a peer that exited)', () => {
  it('reports a waiter left at the end on a lock whose holder exited holding it', () => {
    const lock = obj('lock', 'print-lock');
    const events = [
      procStart(0, P1, 'Process-1'),
      acq(10, P1, lock),
      req(20, P2, lock),
      procExit(30, P1, 'Process-1', 1),
      rel(2_030, P2, obj('lock')),
    ];
    const [insight, ...rest] = deadlocks(events);
    expect(rest).toEqual([]);
    expect(insight!.severity).toBe('problem');
    expect(insight!.message).toBe(
      'pid 102 waits for print-lock, but Process-1 (pid 101), holding it, exited without releasing it ' +
        '(2 ms before the end of the trace): they would wait forever.',
    );
    expect(insight!.evidence).toMatchObject({ fromTs: 10, toTs: 2_030, events: [1, 3, 2] });
  });

  it('knows a process pool worker ended from its worker-exit, and a thread only from its own exit', () => {
    const lock = obj('lock');
    const byWorker = [
      spawn(0, 0, 201),
      acq(10, { pid: 201, tid: 0 }, lock),
      req(20, P2, lock),
      workerExit(30, 0, 201),
    ];
    expect(deadlocks(byWorker)).toHaveLength(1);
    // A thread worker shares its pool's pid: its exit says nothing about other threads of that pid.
    const byThread = [
      spawn(0, 0, 100, 'thread'),
      acq(10, T1, lock),
      req(20, P2, lock),
      workerExit(30, 0, 100),
    ];
    expect(deadlocks(byThread)).toEqual([]);
  });

  it('does not report a holder that released before exiting, or one still alive', () => {
    const lock = obj('lock');
    const released = [
      acq(10, P1, lock),
      req(15, P2, lock),
      rel(20, P1, lock),
      acq(21, P2, lock),
      procExit(30, P1, 'P'),
    ];
    expect(deadlocks(released)).toEqual([]);
    expect(deadlocks([acq(10, P1, lock), req(20, P2, lock)])).toEqual([]);
  });

  it('reports a lock acquired abandoned as a warning naming who died holding it', () => {
    const lock = obj('lock', 'L');
    const events = [
      procStart(0, P1, 'Process-1'),
      acq(10, P1, lock),
      req(20, P2, lock),
      procExit(30, P1, 'Process-1', -9),
      rel(31, P1, lock, true),
      acq(32, P2, lock, 'abandoned'),
    ];
    const [insight] = deadlocks(events);
    expect(insight!.severity).toBe('warning');
    expect(insight!.message).toContain(
      'Process-1 (pid 101) exited while holding L; pid 102 then acquired it marked abandoned',
    );
    expect(insight!.evidence.events).toEqual([4, 5]);
  });

  it('names the dead holder, not the acquirer that recorded the forced release (shared-memory locks)', () => {
    // In a segment, the acquirer that finds the holder dead records the forced release itself.
    const lock = obj('rlock', 'L');
    const events = [
      procStart(0, P1, 'Process-1'),
      acq(10, P1, lock),
      acq(11, P1, lock),
      req(20, P2, lock),
      procExit(30, P1, 'Process-1', -9),
      rel(31, P2, lock, true),
      acq(32, P2, lock, 'abandoned'),
    ];
    const [insight, ...rest] = deadlocks(events);
    expect(rest).toEqual([]);
    expect(insight!.message).toContain(
      'Process-1 (pid 101) exited while holding L; pid 102 then acquired it marked abandoned',
    );
    expect(insight!.evidence.pids).toEqual([101, 102]);
  });

  it('reports gets the runtime ended because their producer died, once per queue', () => {
    const q = obj('queue', 'results');
    const events = [
      put(1, P1, q, 1),
      get(2, P2, q, 0),
      get(10, P2, q, 0, 'peer-gone'),
      get(11, T1, q, 0, 'peer-gone'),
    ];
    const [insight, ...rest] = deadlocks(events);
    expect(rest).toEqual([]);
    expect(insight!.message).toContain(
      'pid 102 and pid 100 thread 1 waited on results for items from a producer that had died',
    );
    expect(insight!.message).toContain('2 waits ended by the runtime');
    expect(deadlocks([get(10, P2, q, 0, 'timeout'), get(11, P2, q, 0, 'closed')])).toEqual([]);
  });
});
