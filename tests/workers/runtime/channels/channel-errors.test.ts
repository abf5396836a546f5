import { describe, expect, it } from 'vitest';
import {
  BrokenPipeError,
  PeerGoneError,
  QueueFullError,
  peerGone,
  queueFull,
  reviveChannelError,
} from '../../../../src/workers/runtime/channels/channel-errors';
import { newPrimitiveInfo } from '../../../../src/workers/runtime/context/identity';

describe('channel errors', () => {
  it('revive from name and message into the same class, keeping what the message names', () => {
    const info = newPrimitiveInfo('queue', 'jobs');
    const original = peerGone(info, [101, 202], 'get() waited for an item from a producer');
    const revived = reviveChannelError(original.name, original.message);
    expect(revived).toBeInstanceOf(PeerGoneError);
    expect(revived?.message).toBe(original.message);
    expect((revived as PeerGoneError).pids).toEqual([101, 202]);
    const full = reviveChannelError('QueueFullError', queueFull(info, 10).message);
    expect(full).toBeInstanceOf(QueueFullError);
    expect(full?.message).toBe('jobs is full (waited 10 ms)');
    expect(reviveChannelError('BrokenPipeError', 'x')).toBeInstanceOf(BrokenPipeError);
  });

  it('leave other names alone', () => {
    expect(reviveChannelError('TypeError', 'x')).toBeNull();
    expect(reviveChannelError('toString', 'x')).toBeNull();
  });
});
