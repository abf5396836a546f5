/**
 * The pool's queue of chunks not yet sent, and how a worker's share is taken from it: up to a
 * number of chunks, within the worker's task budget (`maxTasksPerChild`), with single-task calls
 * of the same function taken as groups (pool-groups.ts). Chunks of calls settled meanwhile are
 * dropped as they come up.
 */
import { splitChunk, type Chunk } from './calls';
import { Fifo } from './fifo';
import { groupable, groupLimit, joins } from './pool-groups';

/** What a share is taken for: a worker's task budget and its recent time per task. */
export interface Taker {
  budget: number;
  readonly taskUs: number;
}

/** Chunks waiting for a worker, first in first out. */
export class ChunkQueue {
  private readonly fifo = new Fifo<Chunk>();

  constructor(private readonly newChunkId: () => number) {}

  /** Queued chunks (settled calls' included until they come up). */
  get length(): number {
    return this.fifo.length;
  }

  push(chunk: Chunk): void {
    this.fifo.push(chunk);
  }

  clear(): void {
    this.fifo.clear();
  }

  /** Puts chunks back at the front, in their order (dropping settled calls'); `to` gets back their budget. */
  requeue(chunks: readonly Chunk[], to: Taker | null): void {
    for (let i = chunks.length - 1; i >= 0; i--) {
      const chunk = chunks[i]!;
      if (chunk.call.settled) continue;
      if (to !== null) to.budget += chunk.args.length;
      this.fifo.unshift(chunk);
    }
  }

  /**
   * Takes up to `count` entries for `taker`: chunks, or groups of single-task calls (an entry
   * of several chunks), charging its budget; a chunk larger than what is left of the budget is
   * split. A group takes at most a `1 / (2 * workers)` share of what is queued, so that calls
   * made together spread over every worker. Returns the entries, in queue order.
   */
  take(taker: Taker, count: number, workers: number): Chunk[][] {
    const share = Math.max(1, Math.ceil(this.fifo.length / (2 * workers)));
    const batch: Chunk[][] = [];
    while (batch.length < count && taker.budget > 0) {
      let chunk = this.next();
      if (chunk === undefined) break;
      if (chunk.args.length > taker.budget) {
        const [head, tail] = splitChunk(chunk, taker.budget, this.newChunkId);
        this.fifo.unshift(tail);
        chunk = head;
      }
      taker.budget -= chunk.args.length;
      const members = [chunk];
      if (groupable(chunk)) {
        const limit = Math.min(share, groupLimit(taker.taskUs));
        for (let next = this.peek(); next !== undefined; next = this.peek()) {
          if (members.length >= limit || taker.budget === 0 || !joins(chunk, next)) break;
          members.push(this.fifo.shift()!);
          taker.budget--;
        }
      }
      batch.push(members);
    }
    return batch;
  }

  /** Next chunk whose call still wants results. */
  private next(): Chunk | undefined {
    let chunk = this.fifo.shift();
    while (chunk !== undefined && chunk.call.settled) chunk = this.fifo.shift();
    return chunk;
  }

  /** The chunk {@link next} would return, left queued. */
  private peek(): Chunk | undefined {
    let chunk = this.fifo.peek();
    while (chunk !== undefined && chunk.call.settled) {
      this.fifo.shift();
      chunk = this.fifo.peek();
    }
    return chunk;
  }
}
