/**
 * `lost-updates`: read-modify-write races on a shared Value (or one element of a shared Array).
 *
 * Rule: an actor's write is a read-modify-write when the same actor read the same cell before it
 * (its latest read since its previous write). If another actor wrote the cell between that read
 * and this write, the write was computed from a stale value and erased the other write: that
 * other write is *lost* (read A, read B, write A, write B: A's update is lost). Each lost write
 * counts once however many stale writes erased it.
 *
 * Writes under a lock do not count: when the stale writer held a lock continuously from its read
 * to its write (same acquisition) and the erased write was made under the same lock, the two
 * cannot have interleaved (their order in the trace is then an artefact of equal timestamps).
 *
 * Expected vs observed: when every write of the cell is a read-modify-write of ±1 (a counter),
 * expected = the first value read + the sum of the steps, observed = the last value written; a
 * difference reports lost updates even where the interleaving itself was not seen. Otherwise, a
 * numeric `context.expected` is used when `context.result` equals the last value written.
 * Only numeric values are followed (a 64-bit value's `"123n"` text included).
 */
import type { Insight, InsightContext } from '../../shared/insights';
import type { ValueReadEvent, ValueWriteEvent } from '../../shared/trace-schema';
import { plural } from './format';
import { LockTracker } from './lock-tracker';
import { actorKey, type TraceView } from './trace-view';

interface Read {
  index: number;
  value: number;
  /** Writes of the cell before this read. */
  writeCount: number;
  /** Locks the reader held then: lockId → hold seq. */
  locks?: Map<string, number>;
}

interface Write {
  index: number;
  actor: string;
  value: number;
  locks?: string[];
  read?: Read;
}

interface Cell {
  objectId: string;
  label: string;
  isArray: boolean;
  writes: Write[];
  lost: boolean[];
  lostCount: number;
  /** The four (or, after a blind write, three) events of the first lost update. */
  first?: number[];
  reads: Map<string, Read>;
  initial?: number;
  /** Every write so far was a read-modify-write of ±1. */
  steps: boolean;
  stepSum: number;
  ups: number;
  downs: number;
}

/** Number of a traced value (`"123n"` is a 64-bit integer), or undefined for text. */
function numeric(value: number | string): number | undefined {
  if (typeof value === 'number') return value;
  return /^-?\d+n$/.test(value) ? Number(value.slice(0, -1)) : undefined;
}

function cellOf(cells: Map<string, Cell>, e: ValueReadEvent | ValueWriteEvent): Cell {
  const key = e.index === undefined ? e.objectId : `${e.objectId}#${e.index}`;
  let cell = cells.get(key);
  if (!cell) {
    const isArray = e.index !== undefined;
    const label = isArray ? `${e.name}[${e.index}]` : e.name;
    cell = {
      objectId: e.objectId,
      label,
      isArray,
      writes: [],
      lost: [],
      lostCount: 0,
      reads: new Map(),
      steps: true,
      stepSum: 0,
      ups: 0,
      downs: 0,
    };
    cells.set(key, cell);
  }
  return cell;
}

function onWrite(cell: Cell, e: ValueWriteEvent, index: number, value: number, locks: LockTracker): void {
  const actor = actorKey(e.pid, e.tid);
  const read = cell.reads.get(actor);
  cell.reads.delete(actor);
  const held = locks.heldBy(actor);
  if (read) {
    // Locks held without a break from the read to this write.
    const guarded = read.locks ? [...read.locks].filter(([id, seq]) => held?.get(id)?.seq === seq) : [];
    for (let k = read.writeCount; k < cell.writes.length; k++) {
      const erased = cell.writes[k]!;
      if (cell.lost[k] || erased.actor === actor) continue;
      if (guarded.some(([id]) => erased.locks?.includes(id))) continue;
      cell.lost[k] = true;
      cell.lostCount++;
      cell.first ??= [erased.read?.index, read.index, erased.index, index].filter(
        (i): i is number => i !== undefined,
      );
    }
    const step = value - read.value;
    if (step === 1) cell.ups++;
    else if (step === -1) cell.downs++;
    else cell.steps = false;
    cell.stepSum += step;
  } else {
    cell.steps = false;
  }
  cell.writes.push({ index, actor, value, locks: held && [...held.keys()], read });
}

function onRead(cell: Cell, e: ValueReadEvent, index: number, value: number, locks: LockTracker): void {
  const actor = actorKey(e.pid, e.tid);
  const held = locks.heldBy(actor);
  const read: Read = { index, value, writeCount: cell.writes.length };
  if (held) read.locks = new Map([...held].map(([id, hold]) => [id, hold.seq]));
  cell.reads.set(actor, read);
  if (cell.writes.length === 0 && cell.initial === undefined) cell.initial = value;
}

/** Finds lost updates on every shared value of the trace; one insight per value (or element). */
export function detectLostUpdates(view: TraceView): Insight[] {
  const { events } = view;
  const locks = new LockTracker();
  const cells = new Map<string, Cell>();
  for (const i of view.order) {
    const e = events[i]!;
    switch (e.type) {
      case 'lock-acquire':
        locks.acquire(e, i);
        break;
      case 'lock-release':
        locks.release(e);
        break;
      case 'value-read':
      case 'value-write': {
        const value = numeric(e.value);
        if (value === undefined) break;
        if (e.type === 'value-read') onRead(cellOf(cells, e), e, i, value, locks);
        else onWrite(cellOf(cells, e), e, i, value, locks);
        break;
      }
      default:
        break;
    }
  }
  const insights: Insight[] = [];
  for (const cell of cells.values()) {
    const insight = describe(view, cell);
    if (insight) insights.push(insight);
  }
  return insights;
}

/** Expected and observed final values, where the trace (or the context) tells them. */
function outcome(cell: Cell, context: InsightContext): { expected: number; observed: number } | undefined {
  const last = cell.writes[cell.writes.length - 1];
  if (!last) return undefined;
  if (cell.steps && cell.initial !== undefined) {
    return { expected: cell.initial + cell.stepSum, observed: last.value };
  }
  if (typeof context.expected === 'number' && context.result === last.value) {
    return { expected: context.expected, observed: last.value };
  }
  return undefined;
}

function describe(view: TraceView, cell: Cell): Insight | undefined {
  const result = outcome(cell, view.context);
  const mismatch = result !== undefined && result.expected !== result.observed;
  if (cell.lostCount === 0 && !(mismatch && cell.steps)) return undefined;
  const { events } = view;
  const updates = cell.writes.filter((w) => w.read).length;
  const noun =
    cell.steps && cell.downs === 0 ? 'increment' : cell.steps && cell.ups === 0 ? 'decrement' : 'update';
  let message =
    cell.lostCount > 0
      ? `${cell.lostCount} of ${plural(updates, noun)} to ${cell.label} were lost`
      : `${noun[0]!.toUpperCase()}${noun.slice(1)}s to ${cell.label} were lost`;
  if (result) {
    message += mismatch
      ? `: expected ${result.expected}, observed ${result.observed}`
      : `; the final value (${result.observed}) is right only because lost steps cancelled out`;
  }
  // In time order: A's read may come before or after B's.
  const first = [...(cell.first ?? [])].sort((a, b) => events[a]!.ts - events[b]!.ts);
  const pids = [...new Set(first.map((i) => (events[i] as ValueReadEvent).pid))];
  if (first.length > 0) {
    const steps = first.map((i) => {
      const e = events[i] as ValueReadEvent | ValueWriteEvent;
      return `${view.nameOf(e.pid, e.tid)} ${e.type === 'value-read' ? 'read' : 'wrote'} ${e.value}`;
    });
    message += ` (first: ${steps.join(', ')})`;
  }
  const touched = cell.writes.map((w) => events[w.index]!.ts);
  const fix = cell.isArray
    ? 'make each read-modify-write one critical section under one lock shared by every writer: ' +
      '`await a.getLock().withLock(async () => a.set(i, (await a.get(i)) + 1))`'
    : 'make each read-modify-write one critical section under one lock shared by every writer: ' +
      '`await v.getLock().withLock(async () => v.set((await v.get()) + 1))`';
  return {
    kind: 'lost-updates',
    severity: 'problem',
    message: `${message}.`,
    evidence: {
      fromTs: first.length > 0 ? events[first[0]!]!.ts : touched[0]!,
      toTs: first.length > 0 ? events[first[first.length - 1]!]!.ts : touched[touched.length - 1]!,
      objectIds: [cell.objectId],
      pids,
      events: first,
      details: {
        value: cell.label,
        lost: cell.lostCount,
        updates,
        ...(result ? { expected: result.expected, observed: result.observed } : {}),
      },
    },
    fix,
  };
}
