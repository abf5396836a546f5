/** In-memory fakes of the host's services, driven explicitly by the tests. */
import type { CoreSample } from '../../../src/shared/samples';
import type { SessionStartRequest } from '../../../src/shared/contract';
import { resolveParamValues } from '../../../src/shared/scenario-params';
import type { RunSummary, ScenarioInfo, WorkloadInfo } from '../../../src/shared/scenarios';
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

/** A workload file the fake runner "has on disk": what describing it answers, or how it fails. */
export type FakeFile = WorkloadInfo | Error;

/** A runner that knows {@link SCENARIOS}; sessions run until the test finishes or stops them. */
export class FakeRunner implements SessionRunner {
  readonly sessions: FakeSession[] = [];
  /** Workload files by the path a request names; anything else is "no workload file". */
  readonly files = new Map<string, FakeFile>();
  /** Paths `describe` was asked for, in order. */
  readonly described: string[] = [];
  /** When set, `describe` waits for it before answering (to hold opens in flight). */
  describeGate: Promise<void> | undefined;
  /** Called inside start(), before it returns (to model runners that report synchronously). */
  duringStart: ((observer: SessionObserver) => void) | undefined;

  list(): ScenarioInfo[] {
    return SCENARIOS;
  }

  async describe(file: string): Promise<WorkloadInfo> {
    this.described.push(file);
    await this.describeGate;
    const found = this.files.get(file);
    if (!found) throw new TypeError(`no workload file at ${file}`);
    if (found instanceof Error) throw found;
    return found;
  }

  start(request: SessionStartRequest & { tracing?: boolean }, observer: SessionObserver): FakeSession {
    const info =
      'file' in request ? this.files.get(request.file) : SCENARIOS.find((s) => s.id === request.scenario);
    const name = 'file' in request ? request.file : request.scenario;
    if (!info || info instanceof Error) throw new TypeError(`unknown scenario: ${name}`);
    resolveParamValues(info.id, info.params, request.params);
    const scenario = info.id;
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
      scenario,
      done,
      observer,
      stopCalls: 0,
      async stop() {
        session.stopCalls += 1;
        observer.onStatus({ sessionId, scenario, state: 'stopped', startedUs, endedUs });
        reject(new Error('stopped'));
      },
      finish(summary) {
        observer.onStatus({
          sessionId,
          scenario,
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
    observer.onStatus({ sessionId, scenario, state: 'running', startedUs });
    return session;
  }
}

/** A recent-files store in memory. */
export class FakeRecentFiles {
  files: string[] = [];
  /** When set, `add` rejects with it (a config directory that cannot be written). */
  failWith: Error | undefined;

  async list(): Promise<string[]> {
    return [...this.files];
  }

  async add(path: string): Promise<string[]> {
    if (this.failWith) throw this.failWith;
    this.files = [path, ...this.files.filter((f) => f !== path)].slice(0, 10);
    return [...this.files];
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
