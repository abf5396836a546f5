/** Test helper: a listener on a core sampler that records samples and waits for the next. */
import type { CoreSampler } from '../../../src/main/host/services';
import type { CoreSample } from '../../../src/shared/samples';

/** Subscribes; `next()` resolves with the next sample, `off()` unsubscribes. */
export function listen(sampler: CoreSampler) {
  const samples: CoreSample[] = [];
  const waiting: Array<(sample: CoreSample) => void> = [];
  const off = sampler.subscribe((sample) => {
    samples.push(sample);
    waiting.shift()?.(sample);
  });
  const next = (): Promise<CoreSample> => new Promise((resolve) => waiting.push(resolve));
  return { samples, next, off };
}
