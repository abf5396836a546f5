/**
 * Owner-side state of queues, pipes and managed dicts and lists: single-context state machines
 * the router serves (`Served`). The public classes wrap them; nothing here routes or serializes.
 */
export { QueueState, type QueueKind } from './queue-state';
export { PipeState } from './pipe-state';
export { DictState } from './dict-state';
export { ListState } from './list-state';
export {
  BrokenPipeError,
  PeerGoneError,
  PipeClosedError,
  PipeTimeoutError,
  QueueClosedError,
  QueueEmptyError,
  QueueFullError,
  reviveChannelError,
} from './channel-errors';
