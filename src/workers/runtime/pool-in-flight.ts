/**
 * Chunks sent to workers and not answered yet, and how many each worker may hold. A worker that
 * holds one chunk at a time is idle for a round trip between chunks, which dominates when tasks
 * take microseconds (one message per `applyAsync`); one that holds many keeps chunks waiting that
 * an idle worker could run. So a worker holds one chunk while its chunks take long (the load
 * stays balanced, as for a map's few big chunks), and more, sent as one message, while they take
 * well under a millisecond: about {@link PREFETCH_US} of work, at most {@link MAX_CHUNKS}.
 */
import type { ToWorker } from '../../shared/worker-protocol';
import { runMessage, type Chunk, type PendingCall } from './calls';
import { groupMessage } from './pool-groups';
import type { WorkerSlot } from './pool-workers';
import { nowUs } from './trace';

/** Most chunks one worker holds at once. */
const MAX_CHUNKS = 16;
/** Work (µs, by the worker's recent chunks) a worker may hold beyond the chunk it runs. */
const PREFETCH_US = 2000;

interface Entry {
  /** The chunk, or the chunks of a group (pool-groups.ts), in the order the worker runs them. */
  members: Chunk[];
  readonly slot: WorkerSlot;
  readonly sentUs: number;
  /** Asked back for an idle worker (see {@link InFlight.steal}). */
  stolen: boolean;
  /** A started group the worker gave its remaining tasks back from: nothing more to ask back. */
  split: boolean;
}

/** Tasks of an entry's chunks. */
function taskCount(members: readonly Chunk[]): number {
  let count = 0;
  for (const chunk of members) count += chunk.args.length;
  return count;
}

/** How many chunks `slot` may hold: one until its chunks are known to be short. */
export function inFlightLimit(slot: WorkerSlot): number {
  if (slot.serviceUs <= 0) return 1;
  return Math.max(1, Math.min(MAX_CHUNKS, Math.floor(PREFETCH_US / slot.serviceUs)));
}

/**
 * How many chunks to send `slot` now. A worker is topped up once it is down to half its limit,
 * so that each message carries several chunks instead of one per answer.
 */
export function roomFor(slot: WorkerSlot): number {
  const limit = inFlightLimit(slot);
  return slot.inFlight === 0 || slot.inFlight * 2 <= limit ? limit - slot.inFlight : 0;
}

/** The registry of chunks in flight, by chunk id. */
export class InFlight {
  private readonly entries = new Map<number, Entry>();

  /**
   * Sends `batch` (chunks, and groups of chunks: pool-groups.ts) to `slot` in one message and
   * registers them. Returns the chunks the channel refused (arguments it cannot carry), each
   * with the error, unregistered.
   */
  send(slot: WorkerSlot, batch: Chunk[][], tracing: boolean): { chunk: Chunk; error: Error }[] {
    const sentUs = nowUs();
    for (const members of batch) {
      this.entries.set(members[0]!.chunkId, { members, slot, sentUs, stolen: false, split: false });
    }
    slot.inFlight += batch.length;
    const runs = batch.map((members) =>
      members.length === 1 ? runMessage(members[0]!, tracing) : groupMessage(members, tracing),
    );
    try {
      slot.handle.send(runs.length === 1 ? runs[0]! : { type: 'run-batch', runs });
      return [];
    } catch {
      // One chunk cannot be sent: send them one by one to find it.
    }
    const refused: { chunk: Chunk; error: Error }[] = [];
    batch.forEach((members, i) => {
      try {
        slot.handle.send(runs[i]!);
      } catch (error) {
        this.entries.delete(members[0]!.chunkId);
        slot.inFlight--;
        const reason = error instanceof Error ? error : new Error(String(error));
        for (const chunk of members) refused.push({ chunk, error: reason });
      }
    });
    return refused;
  }

  /**
   * The answer for `chunkId` came from `slot`: unregisters it and returns its chunks (several
   * for a group), updating the worker's service time per chunk and per task (`runUs`: the
   * worker's own time for the tasks, when it reported it). Those estimates
   * rise at once and fall by halves, so that a worker is given many chunks, or large groups,
   * only while they are reliably short.
   */
  take(slot: WorkerSlot, chunkId: number, ran = true, runUs?: number): Chunk[] | undefined {
    const entry = this.entries.get(chunkId);
    if (entry === undefined || entry.slot !== slot) return undefined;
    this.entries.delete(chunkId);
    slot.inFlight--;
    if (!ran) return entry.members;
    const now = nowUs();
    const took = now - Math.max(entry.sentUs, slot.lastDoneUs);
    slot.lastDoneUs = now;
    slot.serviceUs = took >= slot.serviceUs ? took : (slot.serviceUs + took) / 2;
    // By the worker's own clock when it says (the wall time also counts the answer's wait in a
    // busy pool, which would shrink groups just when messages cost most). Never 0: that is
    // "not known yet" (a chunk of tiny tasks can run within one tick of the µs clock).
    const perTask = Math.max(0.001, (runUs ?? took) / Math.max(1, taskCount(entry.members)));
    slot.taskUs = perTask >= slot.taskUs ? perTask : (slot.taskUs + perTask) / 2;
    return entry.members;
  }

  /**
   * A started group was asked back: its chunks from `from` on will not run. Returns them; the
   * group stays registered with the others, for the answer still to come.
   */
  truncate(slot: WorkerSlot, chunkId: number, from: number): Chunk[] {
    const entry = this.entries.get(chunkId);
    if (entry === undefined || entry.slot !== slot) return [];
    entry.split = true;
    return entry.members.splice(from);
  }

  /** Unregisters and returns every chunk `slot` held (it is gone), by entry, oldest first. */
  drop(slot: WorkerSlot): Chunk[][] {
    const dropped: Chunk[][] = [];
    for (const [chunkId, entry] of this.entries) {
      if (entry.slot !== slot) continue;
      this.entries.delete(chunkId);
      dropped.push(entry.members);
    }
    slot.inFlight = 0;
    return dropped;
  }

  /**
   * Tells workers to skip the chunks of `call` they hold but have not started, from task `from`
   * on (an ordered imap still wants what precedes its failure). Their answers still come.
   */
  cancel(call: PendingCall, from: number): void {
    const bySlot = new Map<WorkerSlot, number[]>();
    for (const [chunkId, { members, slot }] of this.entries) {
      const wanted = members.some((c) => c.call === call && c.start + c.args.length > from);
      if (!wanted) continue;
      const ids = bySlot.get(slot);
      if (ids === undefined) bySlot.set(slot, [chunkId]);
      else ids.push(chunkId);
    }
    for (const [slot, chunkIds] of bySlot) {
      const message: ToWorker = { type: 'cancel', chunkIds };
      slot.handle.send(message);
    }
  }

  /**
   * Asks the worker holding the most chunks (two at least) for its newest one back, to give it
   * to an idle worker: sent ahead, it would otherwise wait behind its worker's current chunk,
   * maybe for ever if that one waits for it (tasks that meet at a gate or a Barrier). Returns
   * false when no worker holds a chunk to spare. The chunk comes back as `chunk-skipped` unless
   * it started already. Failing that, a group of two tasks or more is asked back: the worker
   * keeps the task it runs (or its first) and gives back the others (`chunk-skipped` with `from`).
   */
  steal(): boolean {
    const spare = new Map<WorkerSlot, Entry>();
    const counts = new Map<WorkerSlot, number>();
    let group: Entry | undefined;
    for (const entry of this.entries.values()) {
      if (entry.stolen) continue;
      counts.set(entry.slot, (counts.get(entry.slot) ?? 0) + 1);
      spare.set(entry.slot, entry);
      if (entry.members.length > 1) group = entry;
    }
    let victim: Entry | undefined;
    let most = 1;
    for (const [slot, count] of counts) {
      if (count > most) [victim, most] = [spare.get(slot), count];
    }
    victim ??= group;
    if (victim === undefined) return false;
    victim.stolen = true;
    const message: ToWorker = { type: 'cancel', chunkIds: [victim.members[0]!.chunkId] };
    victim.slot.handle.send(message);
    return true;
  }

  /** How many chunks were asked back and not answered yet. */
  get stealing(): number {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.stolen && !entry.split) count++;
    return count;
  }

  /** Forgets everything (the pool was terminated). */
  clear(): void {
    this.entries.clear();
  }
}
