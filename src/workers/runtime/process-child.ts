/** Entry point of a `Process` child on the process backend (forked with an IPC channel). */
import { detectTransport } from '../transport';
import { frameTransport } from './context/frame-socket';
import { runProcessChild } from './process-child-run';

const frames = frameTransport();

runProcessChild({
  // The frame socket the parent gave it (context/frame-socket.ts), or else Node's IPC.
  transport: frames ?? detectTransport(),
  // process.exit drops IPC writes still queued: the last message's callback says it is out.
  sendLast: (message) =>
    frames?.sendLast(message) ??
    new Promise((resolve) => {
      if (process.send === undefined || !process.connected) {
        resolve();
        return;
      }
      try {
        process.send(message, undefined, {}, () => resolve());
      } catch {
        resolve();
      }
    }),
  exit: (code) => process.exit(code),
});
