/**
 * Child-process probe for core-sampler.test.ts: subscribes with the default (real) timers,
 * on the sampling thread (or, given `timer`, on this thread's timer),
 * holds the process open only until the first sample arrives, then lets go without
 * unsubscribing. The process must still exit: the sampler's thread (or timer) is unref'd.
 */
import os from 'node:os';
import { createCoreSampler } from '../../../src/main/sampler/core-sampler';

const keepAlive = setInterval(() => {}, 2 ** 30);
// `timer`: an injected source selects the os.cpus() timer path instead of the thread.
const sampler = createCoreSampler(process.argv[2] === 'timer' ? { hz: 50, cpus: os.cpus } : { hz: 50 });
let printed = false;
sampler.subscribe((sample) => {
  // Samples may arrive several at once (see deliveryMs): report the first only.
  if (!printed) {
    printed = true;
    process.stdout.write(`${JSON.stringify({ cores: sample.cores.length, total: sample.total })}\n`);
    clearInterval(keepAlive);
  }
});
