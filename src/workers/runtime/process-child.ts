/** Entry point of a `Process` child on the process backend (forked with an IPC channel). */
import { detectTransport } from '../transport';
import { runProcessChild } from './process-child-run';

runProcessChild({
  transport: detectTransport(),
  // process.exit drops IPC writes still queued: the last message's callback says it is out.
  sendLast: (message) =>
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
