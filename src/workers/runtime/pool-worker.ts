/**
 * Entry point of a pool worker process, forked by `Pool`. Runs under `child_process.fork` and
 * under Electron's `utilityProcess.fork` alike (the transport is detected at run time).
 */
import { detectTransport } from '../transport';
import { runWorker } from './worker-loop';

runWorker({
  transport: detectTransport(),
  pid: process.pid,
  backend: 'process',
  exit: (code) => process.exit(code),
});
