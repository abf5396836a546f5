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
import type { WorkerSlot } from './pool-workers';
import { nowUs } from './trace';

/** Most chunks one worker holds at once. */
const MAX_CHUNKS = 16;
/** Work (µs, by the worker's recent chunks) a worker may hold beyond the chunk it runs. */
const PREFETCH_US = 2000;

interface Entry {
  readonly chunk: Chunk;
  readonly slot: WorkerSlot;
  readonly sentUs: number;
  /** Asked back for an idle worker (see {@link InFlight.steal}). */
  stolen: boolean;
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
   * Sends `chunks` to `slot` in one message and registers them. Returns the chunks the channel
   * refused (arguments it cannot carry), each with the error, unregistered.
   */
  send(slot: WorkerSlot, chunks: Chunk[], tracing: boolean): { chunk: Chunk; error: Error }[] {
    const sentUs = nowUs();
    for (const chunk of chunks) this.entries.set(chunk.chunkId, { chunk, slot, sentUs, stolen: false });
    slot.inFlight += chunks.length;
    const runs = chunks.map((chunk) => runMessage(chunk, tracing));
    try {
      slot.handle.send(runs.length === 1 ? runs[0]! : { type: 'run-batch', runs });
      return [];
    } catch {
      // One chunk cannot be sent: send them one by one to find it.
    }
    const refused: { chunk: Chunk; error: Error }[] = [];
    chunks.forEach((chunk, i) => {
      try {
        slot.handle.send(runs[i]!);
      } catch (error) {
        this.entries.delete(chunk.chunkId);
        slot.inFlight--;
        refused.push({ chunk, error: error instanceof Error ? error : new Error(String(error)) });
      }
    });
    return refused;
  }

  /**
   * The answer for `chunkId` came from `slot`: unregisters the chunk and updates the worker's
   * service time. That estimate rises at once and falls by halves, so that a worker is given
   * many chunks only while they are reliably short.
   */
  take(slot: WorkerSlot, chunkId: number, ran = true): Chunk | undefined {
    const entry = this.entries.get(chunkId);
    if (entry === undefined || entry.slot !== slot) return undefined;
    this.entries.delete(chunkId);
    slot.inFlight--;
    if (!ran) return entry.chunk;
    const now = nowUs();
    const took = now - Math.max(entry.sentUs, slot.lastDoneUs);
    slot.lastDoneUs = now;
    slot.serviceUs = took >= slot.serviceUs ? took : (slot.serviceUs + took) / 2;
    return entry.chunk;
  }

  /** Unregisters and returns every chunk `slot` held (it is gone), oldest first. */
  drop(slot: WorkerSlot): Chunk[] {
    const chunks: Chunk[] = [];
    for (const [chunkId, entry] of this.entries) {
      if (entry.slot !== slot) continue;
      this.entries.delete(chunkId);
      chunks.push(entry.chunk);
    }
    slot.inFlight = 0;
    return chunks;
  }

  /**
   * Tells workers to skip the chunks of `call` they hold but have not started, from task `from`
   * on (an ordered imap still wants what precedes its failure). Their answers still come.
   */
  cancel(call: PendingCall, from: number): void {
    const bySlot = new Map<WorkerSlot, number[]>();
    for (const [chunkId, { chunk, slot }] of this.entries) {
      if (chunk.call !== call || chunk.start + chunk.args.length <= from) continue;
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
   * it started already.
   */
  steal(): boolean {
    const spare = new Map<WorkerSlot, Entry>();
    const counts = new Map<WorkerSlot, number>();
    for (const entry of this.entries.values()) {
      if (entry.stolen) continue;
      counts.set(entry.slot, (counts.get(entry.slot) ?? 0) + 1);
      spare.set(entry.slot, entry);
    }
    let victim: Entry | undefined;
    let most = 1;
    for (const [slot, count] of counts) {
      if (count > most) [victim, most] = [spare.get(slot), count];
    }
    if (victim === undefined) return false;
    victim.stolen = true;
    const message: ToWorker = { type: 'cancel', chunkIds: [victim.chunk.chunkId] };
    victim.slot.handle.send(message);
    return true;
  }

  /** How many chunks were asked back and not answered yet. */
  get stealing(): number {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.stolen) count++;
    return count;
  }

  /** Forgets everything (the pool was terminated). */
  clear(): void {
    this.entries.clear();
  }
}
