/**
 * Items that go into queues, pipes and managed objects. Python pickles what it puts in a queue,
 * so a later change to the object does not reach the consumer; here the owner stores a copy in
 * wire form (primitives inside become plain data naming them, without shared memory, since the
 * item may leave for any process) and every getter revives its own copy.
 */
import { reviveChannelError } from '../channels/channel-errors';
import { serialize } from 'node:v8';
import { jsonExact } from '../context/frames';
import { registerRemoteError } from '../context/remote-errors';
import { fromWire, toWire } from '../context/wire';
import { invalidArgument } from '../errors';

/** The copy of `item` that travels and is stored; TypeError naming `name` when it cannot be copied. */
export function encodeItem(item: unknown, name: string, local: boolean): unknown {
  const wire = toWire(item, 'process');
  if (!local) return wire;
  try {
    return structuredClone(wire);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw invalidArgument(name, `cannot be sent to another process: ${detail}`, item, 'type');
  }
}

/**
 * Throws the TypeError naming `item` that sending `stored` (an item in wire form, on its way to
 * another context) would fail with later. For a one-way put, which no reply would report.
 */
export function checkSendable(stored: unknown): void {
  // Plain JSON data always travels (frames.ts); anything else is tried as the channel would.
  if (jsonExact(stored)) return;
  try {
    serialize(stored);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw invalidArgument('item', `cannot be sent to another process: ${detail}`, stored, 'type');
  }
}

/** The receiver's copy of a stored item (primitives revived; a local item is copied again). */
export function decodeItem<T>(stored: unknown, local: boolean): T {
  // A number or a string is its own copy.
  if (typeof stored !== 'object' || stored === null) return stored as T;
  return fromWire(local ? structuredClone(stored) : stored) as T;
}

const CHANNEL_ERRORS = [
  'QueueFullError',
  'QueueEmptyError',
  'QueueClosedError',
  'PeerGoneError',
  'PipeClosedError',
  'BrokenPipeError',
  'PipeTimeoutError',
];
// Errors of queues and pipes come back from their owner as the same classes.
for (const name of CHANNEL_ERRORS) {
  registerRemoteError(name, (message) => reviveChannelError(name, message) ?? new Error(message));
}
