/** Entry point of a `Process` child on the thread backend (a worker thread). */
import { detectTransport } from '../transport';
import { runProcessChild } from './process-child-run';

const transport = detectTransport();
runProcessChild({
  transport,
  // Node delivers every message a thread posted before its exit.
  sendLast: (message) => {
    transport.send(message);
    return Promise.resolve();
  },
  // Inside a worker thread, process.exit ends only this thread, with `code` as its exit code.
  exit: (code) => process.exit(code),
});
