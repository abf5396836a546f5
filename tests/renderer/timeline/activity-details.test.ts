import { describe, expect, it } from 'vitest';
import { reduceActivity } from '../../../src/renderer/state/activity-reducer';
import { blankActor, EMPTY_ACTIVITY, type OpenLock } from '../../../src/renderer/state/activity-types';
import {
  actorColorSlots,
  actorLabel,
  backendOf,
  listedProcesses,
  lockRows,
  markDetails,
  processState,
  sortedChannels,
  spanDetails,
} from '../../../src/renderer/timeline/activity-details';
import { ACTIVITY_RUN, KEYS } from '../../fixtures/traces/activity-trace';

const activity = reduceActivity(EMPTY_ACTIVITY, ACTIVITY_RUN);
const actor = (key: string) => activity.actors.get(key)!;

describe('activity details', () => {
  it('labels actors by Process name, pool lane, or their role', () => {
    expect(actorLabel(actor(KEYS.p1))).toEqual({ name: 'Process-1', detail: 'pid 201' });
    expect(actorLabel(actor(KEYS.p2))).toEqual({ name: 'Process-2', detail: 'pid 100 · t1' });
    expect(actorLabel(actor(KEYS.main)).name).toBe('main');
    expect(actorLabel({ ...blankActor('5.0', 5, 0, 0), workerId: 3 }).name).toBe('W3');
    expect(actorLabel(blankActor('5.2', 5, 2, 0)).name).toBe('thread 2');
  });

  it('lists processes with their state: exited, failed, killed, running, cut off or ended', () => {
    const rows = listedProcesses(activity.actors).map((a) => [actorLabel(a).name, processState(a, false)]);
    expect(rows).toEqual([
      ['main', 'ended'],
      ['Process-1', 'exited'],
      ['Process-2', 'failed'],
    ]);
    const killed = { ...actor(KEYS.p1), exitCode: -9, signal: 'SIGKILL' };
    expect(processState(killed, true)).toBe('killed');
    expect(processState(actor(KEYS.main), true)).toBe('running');
    // A process whose start was traced but whose end never came was cut off by the session's end.
    expect(processState({ ...actor(KEYS.p1), exitTs: null, exitCode: null }, false)).toBe('cut off');
    expect([backendOf(actor(KEYS.main)), backendOf(actor(KEYS.p2))]).toEqual(['process', 'thread']);
  });

  it('gives each process its own colour, in list order', () => {
    const slots = actorColorSlots(activity.actors);
    expect([slots.get(KEYS.main), slots.get(KEYS.p1), slots.get(KEYS.p2)]).toEqual([0, 1, 2]);
  });

  it('says, for a hold, which lock, who, how long it waited and held', () => {
    const hold = [...activity.spans].find((s) => s.phase === 'hold' && s.actor === KEYS.p2)!;
    const { title, rows } = spanDetails(hold, 'Process-2', 0, false);
    expect(title).toBe('print-lock · holding');
    expect(Object.fromEntries(rows.map((r) => [r.label, r.value]))).toEqual({
      kind: 'lock',
      by: 'Process-2',
      wait: '900 µs',
      hold: '500 µs',
    });
  });

  it('says how a wait ended (timed out), and that an open one is still going', () => {
    const timeout = [...activity.spans].find((s) => s.outcome === 'timeout')!;
    const rows = spanDetails(timeout, 'Process-1', 0, false).rows;
    expect(rows).toContainEqual({ label: 'outcome', value: 'timed out' });
    expect(rows).toContainEqual({ label: 'wait', value: '1.00 ms' });
    const { endTs: _end, forced: _forced, ...rest } = timeout;
    const open: OpenLock = { ...rest, phase: 'wait', outcome: null, waitUs: 0 };
    expect(spanDetails(open, 'x', timeout.startTs + 50, true).rows).toContainEqual({
      label: 'wait',
      value: '50 µs (so far)',
    });
  });

  it('says how an Event or Barrier wait ended, in its own words', () => {
    const base = { ...[...activity.spans][0]!, phase: 'wait' as const };
    const outcome = (kind: 'event' | 'barrier', o: 'acquired' | 'cancelled') =>
      spanDetails({ ...base, kind, outcome: o }, 'x', 0, false).rows.find((r) => r.label === 'outcome')
        ?.value;
    expect(outcome('event', 'acquired')).toBe('the event was set');
    expect(outcome('barrier', 'acquired')).toBe('passed');
    expect(outcome('barrier', 'cancelled')).toBe('broken');
  });

  it('flags abandoned holds and forced releases', () => {
    const base = { ...[...activity.spans][0]!, phase: 'hold' as const };
    const rows = spanDetails({ ...base, outcome: 'abandoned', forced: true }, 'x', 0, false).rows;
    expect(rows.map((r) => r.label)).toEqual(['kind', 'by', 'wait', 'hold', 'outcome', 'released']);
  });

  it('describes an instant operation, and why it gave up', () => {
    const failed = [...activity.marks].find((m) => !m.ok)!;
    expect(markDetails(failed, 'main')).toEqual({
      title: 'results',
      rows: [
        { label: 'op', value: 'get (gave up)' },
        { label: 'by', value: 'main' },
        { label: 'why', value: 'timeout' },
      ],
    });
  });

  it('makes one contention row per lock, with the share of acquisitions that waited', () => {
    expect(lockRows(activity.locks)).toEqual([
      expect.objectContaining({
        name: 'print-lock',
        acquisitions: 2,
        contendedPct: 50,
        totalWait: '1.90 ms',
        maxWait: '1.00 ms',
        maxHold: '899 µs',
        trouble: '1 timed out',
      }),
    ]);
  });

  it('orders channels: queues (with charts) before pipes', () => {
    expect(sortedChannels(activity.channels).map((c) => c.kind)).toEqual(['queue', 'pipe']);
  });
});
