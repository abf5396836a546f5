/**
 * A pool worker's outgoing messages. Sent one by one, a short task would cost three writes (its
 * start, its end, its result) and, in the pool, three reads and deserializations. So messages
 * wait here and leave together as one `batch`: when the worker is about to run task code (which
 * may not yield for a long time, so what is known must be out first: a task's start above all),
 * and otherwise once the current turn of the event loop is over.
 */
import type { FromWorker } from '../../shared/worker-protocol';
import type { Transport } from '../transport';
import { flushLink } from './context/links';

type ChunkDone = Extract<FromWorker, { type: 'chunk-done' }>;

/** Rewrites a chunk-done whose results cannot be sent (see worker-loop.ts). */
export type RepairDone = (message: ChunkDone, error: unknown) => FromWorker;

/** Batches a worker's messages to its pool. */
export class WorkerOutbox {
  private pending: FromWorker[] = [];
  private scheduled: NodeJS.Immediate | null = null;

  constructor(
    private readonly transport: Transport,
    private readonly repair: RepairDone,
  ) {}

  /** Queues `message`; it leaves with the next {@link flush}, at the latest after this turn. */
  post(message: FromWorker): void {
    this.pending.push(message);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Queues `message` and sends everything now. */
  send(message: FromWorker): void {
    this.pending.push(message);
    this.flush();
  }

  /**
   * Keeps what is queued from leaving on its own until {@link release}: the worker is about to
   * yield and then send at once anyway (the next chunk's first start, or the flush before
   * untraced task code), so both leave in one message instead of two.
   */
  hold(): void {
    if (this.scheduled !== null) {
      clearImmediate(this.scheduled);
      this.scheduled = null;
    }
  }

  /** Ends a {@link hold}: what is queued leaves after this turn unless sent earlier. */
  release(): void {
    if (this.pending.length > 0) this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Sends everything queued, in order. A result that cannot be cloned fails its tasks instead. */
  flush(): void {
    if (this.scheduled !== null) {
      clearImmediate(this.scheduled);
      this.scheduled = null;
    }
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    // One-way primitive operations of the tasks (a put, a release) go ahead of their results.
    flushLink();
    try {
      this.transport.send(batch.length === 1 ? batch[0] : { type: 'batch', messages: batch });
      return;
    } catch {
      // Something in the batch cannot be cloned: send the messages one by one to find it.
    }
    for (const message of batch) {
      try {
        this.transport.send(message);
      } catch (error) {
        if (message.type === 'chunk-done') this.transport.send(this.repair(message, error));
      }
    }
  }
}
