/**
 * Entry point of a pool worker thread, started by `Pool` with the thread backend: the same
 * worker loop as a worker process, over the thread's `parentPort`.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { workerPortTransport } from '../transport';
import { runWorker } from './worker-loop';

if (isMainThread || parentPort === null) {
  throw new Error('pool-thread-worker runs only in a worker thread started by a Pool');
}

runWorker({
  transport: workerPortTransport(parentPort),
  // A thread shares its process; its identity within it is its threadId.
  pid: process.pid,
  backend: 'thread',
  // Inside a worker thread, process.exit ends only this thread (with `code` as its exit code),
  // after the messages it already posted; it also ends a thread kept alive by a task's timers.
  exit: (code) => process.exit(code),
});
