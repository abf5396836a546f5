/**
 * Errors of the public primitive classes that are not their cores' (those live in sync/ and
 * channels/), and the registration that brings the cores' errors back from an owner as the same
 * classes.
 */
import { registerRemoteError } from '../context/remote-errors';
import { BrokenBarrierError } from '../sync/sync-errors';

/**
 * The lock was acquired, but its previous holder died holding it (POSIX's EOWNERDEAD): the caller
 * holds the lock now, and the data it protects may be half-updated. Check it, then release as usual.
 */
export class LockAbandonedError extends Error {
  /** Name of the lock. */
  readonly lock: string;

  constructor(lock: string) {
    super(
      `"${lock}" was acquired, but its previous holder died holding it: the caller now holds it, ` +
        'and what it protects may be inconsistent',
    );
    this.name = 'LockAbandonedError';
    this.lock = lock;
  }
}

registerRemoteError('BrokenBarrierError', (message) => {
  const error = new BrokenBarrierError('', 'broken');
  error.message = message;
  return error;
});
