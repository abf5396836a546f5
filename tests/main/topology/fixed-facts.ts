import type { HostFacts } from '../../../src/main/topology/host-facts';

/**
 * Host facts fixed for tests, so a fixture's numbers never depend on the machine running the
 * test; `usable` is the affinity count the test wants to see reported.
 */
export function fixedFacts(usable: number): HostFacts {
  return {
    architecture: 'x86_64',
    osType: 'Linux',
    kernel: '6.1.0-test',
    node: '20.20.0',
    electron: null,
    chromium: null,
    usable,
  };
}
