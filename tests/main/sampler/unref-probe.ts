/**
 * Child-process probe for core-sampler.test.ts: subscribes with the default (real) timers,
 * holds the process open only until the first sample arrives, then lets go without
 * unsubscribing. The process must still exit: the sampler's timer is unref'd.
 */
import { createCoreSampler } from '../../../src/main/sampler/core-sampler';

const keepAlive = setInterval(() => {}, 2 ** 30);
const sampler = createCoreSampler({ hz: 50 });
sampler.subscribe((sample) => {
  if (keepAlive.hasRef()) {
    process.stdout.write(`${JSON.stringify({ cores: sample.cores.length, total: sample.total })}\n`);
    clearInterval(keepAlive);
  }
});
