/** In-memory fakes of the host's services, driven explicitly by the tests. */
import type { CoreSample } from '../../../src/shared/samples';
import type { RunSummary, ScenarioInfo } from '../../../src/shared/scenarios';
import type { Topology } from '../../../src/shared/topology';
import type {
  CoreSampler,
  SessionHandle,
  SessionObserver,
  SessionRunner,
  TopologyService,
} from '../../../src/main/host/services';

/** A sampler whose samples are emitted by the test; counts its live subscribers. */
export class FakeSampler implements CoreSampler {
  hz = 10;
  /** Highest rate this fake accepts (lower than the contract's, to reach the RangeError path). */
  maxHz = 50;
  disposed = false;
  readonly listeners = new Set<(sample: CoreSample) => void>();

  setRate(hz: number): void {
    if (hz > this.maxHz) throw new RangeError(`sampler rate must be at most ${this.maxHz} Hz`);
    this.hz = hz;
  }

  subscribe(listener: (sample: CoreSample) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  /** True while someone listens, i.e. while a real sampler's timer would run. */
  get running(): boolean {
    return this.listeners.size > 0;
  }

  emit(sample: CoreSample): void {
    for (const listener of this.listeners) listener(sample);
  }
}

/** A topology service that answers a fixed value, or fails when told to. */
export class FakeTopology implements TopologyService {
  failWith: Error | undefined;
  constructor(readonly value: Topology) {}

  async read(): Promise<Topology> {
    if (this.failWith) throw this.failWith;
    return this.value;
  }
}

/** One session started through {@link FakeRunner}, controlled by the test. */
export interface FakeSession extends SessionHandle {
  observer: SessionObserver;
  stopCalls: number;
  finish(summary: RunSummary): void;
}

export const SCENARIOS: ScenarioInfo[] = [
  {
    id: 'sum',
    title: 'Sum',
    purpose: 'Adds numbers in parallel.',
    params: [{ kind: 'int', name: 'n', label: 'N', default: 10, min: 1, max: 100 }],
  },
];

/** A runner that knows {@link SCENARIOS}; sessions run until the test finishes or stops them. */
export class FakeRunner implements SessionRunner {
  readonly sessions: FakeSession[] = [];
  /** Called inside start(), before it returns (to model runners that report synchronously). */
  duringStart: ((observer: SessionObserver) => void) | undefined;

  list(): ScenarioInfo[] {
    return SCENARIOS;
  }

  start(
    request: { scenario: string; params: Record<string, number> },
    observer: SessionObserver,
  ): FakeSession {
    const info = SCENARIOS.find((s) => s.id === request.scenario);
    if (!info) throw new TypeError(`unknown scenario: ${request.scenario}`);
    for (const [name, value] of Object.entries(request.params)) {
      const param = info.params.find((p) => p.name === name);
      if (!param) throw new TypeError(`unknown parameter: ${name}`);
      if (value < param.min || value > param.max)
        throw new RangeError(`${name} must be ${param.min}..${param.max}`);
    }
    const sessionId = `s${this.sessions.length + 1}`;
    // Trace-clock times: session n starts at n ms and ends half a millisecond later.
    const startedUs = 1000 * (this.sessions.length + 1);
    const endedUs = startedUs + 500;
    let resolve!: (summary: RunSummary) => void;
    let reject!: (error: Error) => void;
    const done = new Promise<RunSummary>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const session: FakeSession = {
      sessionId,
      scenario: request.scenario,
      done,
      observer,
      stopCalls: 0,
      async stop() {
        session.stopCalls += 1;
        observer.onStatus({ sessionId, scenario: request.scenario, state: 'stopped', startedUs, endedUs });
        reject(new Error('stopped'));
      },
      finish(summary) {
        observer.onStatus({
          sessionId,
          scenario: request.scenario,
          state: 'finished',
          startedUs,
          endedUs,
          summary,
        });
        resolve(summary);
      },
    };
    this.sessions.push(session);
    this.duringStart?.(observer);
    observer.onStatus({ sessionId, scenario: request.scenario, state: 'running', startedUs });
    return session;
  }
}

/** A minimal topology value. */
export function fakeTopology(): Topology {
  return {
    architecture: 'x86_64',
    modelName: 'Test CPU',
    vendor: 'Test',
    cpus: 2,
    onlineCpus: '0-1',
    sockets: 1,
    coresPerSocket: 2,
    threadsPerCore: 1,
    numaNodes: [{ id: 0, cpus: [0, 1] }],
    caches: { l1d: null, l1i: null, l2: null, l3: null },
    flags: [],
    virtualization: { hypervisorVendor: null, type: null },
    versions: { os: 'Linux', kernel: '6', node: process.versions.node, electron: null, chromium: null },
    counts: { logical: 2, physical: 2, usable: 2 },
    perCpu: [],
    source: 'sysfs',
  };
}

/** A summary for a finished fake run. */
export function fakeSummary(): RunSummary {
  return {
    scenario: 'sum',
    params: { n: 3 },
    result: 6,
    expected: 6,
    ok: true,
    durationMs: 1,
    tasks: 3,
    workers: 2,
  };
}
