/**
 * Entry point of a pool worker process, forked by `Pool`: messages come and go over the frame
 * socket the pool gave it (context/frame-socket.ts), or else over the channel detected at run
 * time (Node's IPC, or Electron's `utilityProcess.fork`).
 */
import { detectTransport } from '../transport';
import { frameTransport } from './context/frame-socket';
import { runWorker } from './worker-loop';

const frames = frameTransport();

runWorker({
  transport: frames ?? detectTransport(),
  pid: process.pid,
  backend: 'process',
  // process.exit drops writes the kernel has not taken yet: let the last results go first.
  exit: (code) => {
    if (frames === null) process.exit(code);
    else void frames.drained().then(() => process.exit(code));
  },
});
