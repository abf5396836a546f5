import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { reduceActivity } from '../../../src/renderer/state/activity-reducer';
import {
  EMPTY_ACTIVITY,
  MAX_OUTPUT_LINES,
  type ActivityState,
} from '../../../src/renderer/state/activity-types';
import { ACTIVITY_RUN, KEYS } from '../../fixtures/traces/activity-trace';

const run = reduceActivity(EMPTY_ACTIVITY, ACTIVITY_RUN);

/** Everything a view reads, as plain data (spans sorted: only their set matters across batches). */
function plain(state: ActivityState): unknown {
  const byKey = <V>(m: ReadonlyMap<string, V>) =>
    Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));
  const sortSpans = [...state.spans].sort((a, b) => a.startTs - b.startTs || a.actor.localeCompare(b.actor));
  return {
    actors: byKey(state.actors),
    // `recent` is matching bookkeeping; what it yields (`contended`) is compared.
    locks: byKey(new Map([...state.locks].map(([k, { recent: _recent, ...l }]) => [k, l]))),
    channels: byKey(state.channels),
    values: Object.fromEntries([...state.values].map(([k, v]) => [k, { ...v, writers: byKey(v.writers) }])),
    spans: sortSpans,
    open: byKey(state.open),
    marks: [...state.marks].sort((a, b) => a.ts - b.ts),
    output: [...state.output].sort((a, b) => a.ts - b.ts),
    range: [state.minTs, state.maxTs],
  };
}

describe('reduceActivity: queues, pipes, values, processes, output', () => {
  it('draws an Event wait and a Barrier wait as waits, outside the lock table', () => {
    const a = { pid: 1, tid: 0 };
    const go = { objectId: 'E', kind: 'event', name: 'go' } as const;
    const gate = { objectId: 'B', kind: 'barrier', name: 'gate' } as const;
    const s = reduceActivity(EMPTY_ACTIVITY, [
      { type: 'event-signal', ts: 10, ...go, ...a, action: 'wait-start' },
      { type: 'event-signal', ts: 500, ...go, ...a, action: 'wait-end', ok: true },
      { type: 'barrier-wait', ts: 600, ...gate, ...a, action: 'arrive', waiting: 1, parties: 2 },
      { type: 'barrier-wait', ts: 900, ...gate, ...a, action: 'broken', waiting: 0, parties: 2 },
    ]);
    expect([...s.spans].map((x) => [x.name, x.phase, x.startTs, x.endTs, x.outcome])).toEqual([
      ['go', 'wait', 10, 500, 'acquired'],
      ['gate', 'wait', 600, 900, 'cancelled'],
    ]);
    expect(s.locks.size).toBe(0);
    expect(s.open.size).toBe(0);
  });

  it('counts queue traffic and keeps its depth over time', () => {
    const q = run.channels.get('100.0/2')!;
    expect(q).toMatchObject({ ins: 2, outs: 2, failedOuts: 1, depth: 0, maxDepth: 2 });
    expect(q.series.buckets.map((b) => b.max)).toContain(2);
    expect(run.channels.get('100.0/3')).toMatchObject({ kind: 'pipe', ins: 1, outs: 1 });
  });

  it('counts value reads and writes, the newest value and who wrote', () => {
    const v = run.values.get('100.0/4')!;
    expect(v).toMatchObject({ reads: 2, writes: 2, last: 2 });
    expect(Object.fromEntries(v.writers)).toEqual({ [KEYS.p1]: 1, [KEYS.p2]: 1 });
  });

  it('names actors from process-start, knows their parent, and records their exits', () => {
    expect(run.actors.get(KEYS.p1)).toMatchObject({ name: 'Process-1', backend: 'process', exitCode: 0 });
    expect(run.actors.get(KEYS.p2)).toMatchObject({ name: 'Process-2', backend: 'thread', exitCode: 1 });
    expect(run.actors.get(KEYS.main)).toMatchObject({ isParent: true, name: null });
    expect([run.minTs, run.maxTs]).toEqual([1000, 5300]);
  });

  it('gives pool workers an actor from worker-spawn (a thread worker only with its thread id)', () => {
    const s = reduceActivity(EMPTY_ACTIVITY, [
      { type: 'worker-spawn', ts: 1, workerId: 0, pid: 300, backend: 'process' },
      { type: 'worker-spawn', ts: 1, workerId: 1, pid: 100, backend: 'thread' },
      { type: 'worker-spawn', ts: 1, workerId: 2, pid: 100, backend: 'thread', tid: 7 } as TraceEvent,
      { type: 'worker-exit', ts: 9, workerId: 0, pid: 300, code: 0, signal: null },
    ]);
    expect([...s.actors.keys()]).toEqual(['300.0', '100.7']);
    expect(s.actors.get('300.0')).toMatchObject({ workerId: 0, exitTs: 9, exitCode: 0 });
  });

  it('keeps the newest output lines, in order, and counts every line per actor', () => {
    const lines: TraceEvent[] = Array.from({ length: MAX_OUTPUT_LINES + 5 }, (_, i) => ({
      type: 'output',
      ts: i,
      pid: 1,
      tid: 0,
      stream: 'stdout',
      line: `line ${i}`,
    }));
    const s = reduceActivity(EMPTY_ACTIVITY, lines);
    expect(s.output.length).toBe(MAX_OUTPUT_LINES);
    expect(s.output.dropped).toBe(5);
    expect(s.output.at(0)!.line).toBe('line 5');
    expect(s.actors.get('1.0')!.outputLines).toBe(MAX_OUTPUT_LINES + 5);
    expect([...run.output].map((l) => [l.actor, l.stream, l.line])).toEqual([
      [KEYS.p1, 'stdout', 'hello from 1'],
      [KEYS.p2, 'stderr', 'oops'],
    ]);
  });

  it('ignores malformed events and types it does not know', () => {
    const s = reduceActivity(EMPTY_ACTIVITY, [
      { type: 'lock-acquire', ts: 1, lockId: 'x' } as unknown as TraceEvent,
      { type: 'queue-put', ts: 1, pid: 1, tid: 0, depth: 1 } as unknown as TraceEvent,
      { type: 'future-thing', ts: 1, pid: 1, tid: 0 } as unknown as TraceEvent,
    ]);
    expect(s).toBe(EMPTY_ACTIVITY);
  });
});

describe('reduceActivity: purity and batching', () => {
  it('does not change its input, and shares what a batch did not touch', () => {
    const before = reduceActivity(EMPTY_ACTIVITY, ACTIVITY_RUN.slice(0, 12));
    const snapshot = plain(before);
    const after = reduceActivity(before, [ACTIVITY_RUN[12]!]);
    expect(plain(before)).toEqual(snapshot);
    expect(after.channels).toBe(before.channels);
    expect(after.values).toBe(before.values);
    // An operation by an actor already known changes no actor: the process list need not redraw.
    expect(after.actors).toBe(before.actors);
    expect(reduceActivity(after, [])).toBe(after);
  });

  it('keeps earlier states intact when one is reduced twice with different batches (branches)', () => {
    const cut = 12;
    const base = reduceActivity(EMPTY_ACTIVITY, ACTIVITY_RUN.slice(0, cut));
    const snapshot = plain(base);
    const rest = ACTIVITY_RUN.slice(cut);
    const a = reduceActivity(base, rest);
    const b = reduceActivity(base, rest.slice(0, 3));
    const a2 = reduceActivity(base, rest);
    expect(plain(base)).toEqual(snapshot);
    expect(plain(a)).toEqual(plain(run));
    expect(plain(a2)).toEqual(plain(run));
    expect(plain(b)).toEqual(plain(reduceActivity(EMPTY_ACTIVITY, ACTIVITY_RUN.slice(0, cut + 3))));
  });

  it('gives the same result however the run is split into batches and its sources interleave', () => {
    // Events born in one place (one trace buffer) stay in order; places interleave freely. An
    // operation is born where it is performed: a queue's or pipe's owner; a lock or value's own
    // thread when it is in the owner's process (shared memory), else the owner; a process's
    // start, exit and output in its parent.
    const birthplace = (e: TraceEvent): string => {
      const actor = e as { pid: number; tid: number; objectId?: string };
      if (e.type === 'process-start' || e.type === 'process-exit' || e.type === 'output') return '100.0';
      const owner = actor.objectId!.split('/')[0]!;
      if (e.type.startsWith('queue') || e.type.startsWith('pipe')) return owner;
      return String(actor.pid) === owner.split('.')[0] ? `${actor.pid}.${actor.tid}` : owner;
    };
    const byActor = new Map<string, TraceEvent[]>();
    for (const e of ACTIVITY_RUN) byActor.set(birthplace(e), [...(byActor.get(birthplace(e)) ?? []), e]);
    const streams = [...byActor.values()];
    const expected = plain(run);
    fc.assert(
      fc.property(
        fc.array(fc.nat(streams.length - 1), {
          minLength: ACTIVITY_RUN.length,
          maxLength: ACTIVITY_RUN.length,
        }),
        fc.array(fc.integer({ min: 1, max: ACTIVITY_RUN.length }), { maxLength: 6 }),
        (picks, cuts) => {
          const cursors = streams.map(() => 0);
          const order: TraceEvent[] = [];
          for (const pick of picks) {
            // Take from the picked actor, or the next one that still has events.
            for (let k = 0; k < streams.length; k++) {
              const s = (pick + k) % streams.length;
              if (cursors[s]! < streams[s]!.length) {
                order.push(streams[s]![cursors[s]!++]!);
                break;
              }
            }
          }
          let state = EMPTY_ACTIVITY;
          let from = 0;
          for (const cut of [...new Set(cuts)].sort((a, b) => a - b).concat(order.length)) {
            state = reduceActivity(state, order.slice(from, cut));
            from = cut;
          }
          expect(plain(state)).toEqual(expected);
        },
      ),
    );
  });
});
