/**
 * Messages for one link, queued and sent together: everything posted in one synchronous run of
 * code leaves as one `link-batch` at the end of it (a microtask), so a burst of calls costs one
 * write. Never later than that: a one-way release or put must not wait behind the caller's next
 * stretch of work. (A child process's socket may then hold it a little while it is backed up:
 * frame-socket.ts.)
 */
import type { LinkMessage } from '../../../shared/link-protocol';

const RESOLVED = Promise.resolve();

/** Sends one message on a link (throws when the message cannot be cloned). */
export type LinkSend = (message: LinkMessage) => void;

/** Queues messages for a link and sends those of one synchronous run together. */
export class Outbox {
  private queue: LinkMessage[] = [];
  private scheduled = false;

  constructor(
    private readonly send: LinkSend,
    /** Told about a message that could not be sent (after a batch failed, each is tried alone). */
    private readonly onUnsendable: (message: LinkMessage, error: unknown) => void,
  ) {}

  post(message: LinkMessage): void {
    this.queue.push(message);
    if (this.scheduled) return;
    this.scheduled = true;
    // A promise job, not queueMicrotask: same queue and order, without Node wrapping each
    // callback in an async resource (a third of the cost of a one-way put).
    void RESOLVED.then(this.flushLater);
  }

  private readonly flushLater = (): void => {
    if (this.scheduled) this.flush();
  };

  /** Sends what is queued now (before a message that must follow it on the same channel). */
  flush(): void {
    this.scheduled = false;
    const queue = this.queue;
    if (queue.length === 0) return;
    if (queue.length === 1) {
      // The usual case (one put per microtask): no batch, and the array is kept.
      const message = queue.pop()!;
      try {
        this.send(message);
      } catch (error) {
        this.onUnsendable(message, error);
      }
      return;
    }
    this.queue = [];
    try {
      this.send({ type: 'link-batch', messages: queue });
      return;
    } catch {
      // One message in the batch cannot be cloned: send them one by one to find it.
    }
    for (const message of queue) {
      try {
        this.send(message);
      } catch (error) {
        this.onUnsendable(message, error);
      }
    }
  }
}
