/**
 * Child-process probe for core-sampler.test.ts: subscribes with the default (real) timers,
 * with the backend its argument names (`native`: the helper $PARASCOPE_SAMPLER_HELPER names),
 * holds the process open only until the first sample arrives, then lets go without
 * unsubscribing. The process must still exit: the sampler's helper, thread or timer is unref'd.
 */
import { createCoreSampler } from '../../../src/main/sampler/core-sampler';

const keepAlive = setInterval(() => {}, 2 ** 30);
const backend = process.argv[2];
if (backend !== 'native' && backend !== 'thread' && backend !== 'timer')
  throw new Error(`unknown backend ${backend}`);
// Fail loudly rather than fall back: the test is about this backend.
const sampler = createCoreSampler({
  hz: 50,
  backend,
  onError: (error) => {
    throw error;
  },
});
if (sampler.backend !== backend) throw new Error(`sampling with ${sampler.backend}, not ${backend}`);
let printed = false;
sampler.subscribe((sample) => {
  // Samples may arrive several at once (see deliveryMs): report the first only.
  if (!printed) {
    printed = true;
    process.stdout.write(`${JSON.stringify({ cores: sample.cores.length, total: sample.total })}\n`);
    clearInterval(keepAlive);
  }
});
