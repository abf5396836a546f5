/**
 * Joining a context to the tree, from both ends. A child calls {@link joinParent} once it runs:
 * its primitive calls and trace events then go up its channel. A parent calls {@link linkChild}
 * for each child it starts and hands it every link message the child sends. Link messages share
 * the channel with the child's own protocol (pool or process); {@link isLinkMessage} tells them apart.
 */
import { LINK_MESSAGE_TYPES, type LinkMessage } from '../../../shared/link-protocol';
import type { TraceChunk } from '../../../shared/trace-chunk';
import { setTraceSink } from '../trace';
import { router, type ChildPort } from './router';
import { flushTrace } from './trace-out';

/** True for messages of the link layer (as opposed to the pool's or the process's own). */
export function isLinkMessage(message: unknown): message is LinkMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    LINK_MESSAGE_TYPES.has((message as { type?: unknown }).type as string)
  );
}

/** How a child reaches its parent. */
export interface ParentChannel {
  /** Sends one message to the parent (throws when it cannot be cloned). */
  send(message: unknown): void;
  /** Whether to record trace events (they go up as `{ type: 'trace', chunk }`). */
  tracing: boolean;
}

/**
 * Makes the parent this context's uplink: primitive calls go to it, and with `tracing` every
 * trace event of this context (pools it starts included) goes to it in batches. Call
 * {@link fromParent} with every link message the parent sends.
 */
export function joinParent(channel: ParentChannel): void {
  router.setUplink((message) => channel.send(message));
  if (channel.tracing) {
    // Every chunk of this context (its own events, its pools', its children's) goes up as it is.
    setTraceSink(
      (chunk: TraceChunk) => {
        try {
          channel.send({ type: 'trace', chunk });
        } catch {
          // The parent is gone (this context is about to end) or an event would not clone:
          // the workload must not fail because of its trace.
        }
      },
      { format: 'chunks' },
    );
  }
}

/** Routes a link message that arrived from the parent. */
export function fromParent(message: LinkMessage): void {
  router.fromUplink(message);
}

/** Sends what this context still holds (one-way operations, trace events) before it ends. */
export function beforeExit(): void {
  router.flushUplink();
  flushTrace();
}

/**
 * Sends the link messages this context queued for its parent now. Call it before sending a
 * message of the child's own protocol on the same channel (a task's result): one-way operations
 * made before it must reach the owner first.
 */
export function flushLink(): void {
  router.flushUplink();
}

/** Registers a child context (`address` = `"<pid>.<threadId>"`) whose messages arrive through `send`'s channel. */
export function linkChild(address: string, send: (message: LinkMessage) => void): ChildPort {
  return router.attachChild(address, send);
}
