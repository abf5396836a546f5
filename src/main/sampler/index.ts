/** Per-core utilisation sampling for the host. */
export {
  createCoreSampler,
  DEFAULT_DELIVERY_MS,
  MAX_DELIVERY_MS,
  SAMPLER_BACKENDS,
  type CoreSamplerOptions,
  type HostCoreSampler,
  type SamplerBackend,
  type SamplerTimers,
} from './core-sampler';
export { coreLoadsBetween, type CoreLoads, type CpuSnapshot, type CpuTimes } from './cpu-deltas';
export { findNativeSampler } from './native-sampler';
