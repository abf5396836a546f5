import os from 'node:os';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHost } from '../../../src/main/host/host';
import type { CurrentSession, PushChannel, PushMap } from '../../../src/shared/contract';
import { INVOKE_CHANNELS, MAX_SESSION_EVENTS } from '../../../src/shared/contract';
import { decodeChunk, encodeEvents } from '../../../src/shared/trace-chunk';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import type { ErrorCode, Result } from '../../../src/shared/errors';
import {
  FakeRecentFiles,
  FakeRunner,
  FakeSampler,
  FakeTopology,
  SCENARIOS,
  fakeSummary,
  fakeTopology,
} from './fakes';

type Push = { [C in PushChannel]: { channel: C; payload: PushMap[C] } }[PushChannel];

function setup() {
  const sampler = new FakeSampler();
  const topology = new FakeTopology(fakeTopology());
  const sessions = new FakeRunner();
  const lines: string[] = [];
  /** The host's trace clock, set by the test. */
  const clock = { us: 9_000 };
  const host = createHost({
    shell: 'browser',
    version: '1.2.3',
    topology,
    sampler,
    sessions,
    log: (line) => lines.push(line),
    clock: () => clock.us,
    // Never the user's real list: the default would write to their config directory.
    recentFiles: new FakeRecentFiles(),
  });
  const pushes: Push[] = [];
  const unsubscribe = host.subscribe((channel, payload) => pushes.push({ channel, payload } as Push));
  return { host, sampler, topology, sessions, lines, pushes, unsubscribe, clock };
}

function expectError(result: Result<unknown>, code: ErrorCode): { name: string; message: string } {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.error.code).toBe(code);
  expect(result.error.stack).toBeUndefined();
  return result.error;
}

const ERROR_CODES: ErrorCode[] = [
  'invalid-payload',
  'unknown-channel',
  'not-found',
  'busy',
  'workload-error',
  'worker-died',
  'internal',
];

function isWellFormedResult(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  if (r.ok === true) return 'value' in r;
  if (r.ok !== false || typeof r.error !== 'object' || r.error === null) return false;
  const e = r.error as Record<string, unknown>;
  return (
    ERROR_CODES.includes(e.code as ErrorCode) &&
    typeof e.name === 'string' &&
    typeof e.message === 'string' &&
    e.stack === undefined
  );
}

describe('createHost: channels', () => {
  it('answers host:info with the shell, version, CPU count and sampler rate', async () => {
    const { host, sampler } = setup();
    sampler.hz = 7;
    expect(await host.invoke('host:info', null)).toEqual({
      ok: true,
      value: { shell: 'browser', version: '1.2.3', cpus: os.cpus().length, samplerHz: 7, filePicker: false },
    });
  });

  it('answers topology:get from the topology service', async () => {
    const { host, topology } = setup();
    expect(await host.invoke('topology:get', null)).toEqual({ ok: true, value: topology.value });
  });

  it('turns a failing topology read into an internal error without a stack', async () => {
    const { host, topology } = setup();
    topology.failWith = new Error('sysfs unreadable');
    const error = expectError(await host.invoke('topology:get', null), 'internal');
    expect(error).toMatchObject({ name: 'Error', message: 'sysfs unreadable' });
  });

  it('sets the sampler rate and answers the rate in force', async () => {
    const { host, sampler } = setup();
    expect(await host.invoke('sampler:set-rate', { hz: 25 })).toEqual({ ok: true, value: { hz: 25 } });
    expect(sampler.hz).toBe(25);
  });

  it('rejects rates outside the contract before they reach the sampler', async () => {
    const { host, sampler } = setup();
    for (const payload of [{ hz: 0 }, { hz: 51 }, { hz: 2.5 }, { hz: '10' }, { hz: 10, extra: 1 }, null]) {
      expectError(await host.invoke('sampler:set-rate', payload), 'invalid-payload');
    }
    expect(sampler.hz).toBe(10);
  });

  it("maps the sampler's own RangeError to invalid-payload with its message", async () => {
    const { host, sampler } = setup();
    sampler.maxHz = 20;
    const error = expectError(await host.invoke('sampler:set-rate', { hz: 30 }), 'invalid-payload');
    expect(error).toEqual(
      expect.objectContaining({ name: 'RangeError', message: 'sampler rate must be at most 20 Hz' }),
    );
  });

  it('lists scenarios from the session runner', async () => {
    const { host } = setup();
    expect(await host.invoke('scenarios:list', null)).toEqual({ ok: true, value: SCENARIOS });
  });

  it('rejects unknown channels, including non-string ones, and logs one line each', async () => {
    const { host, lines } = setup();
    expect(expectError(await host.invoke('shell:exec', null), 'unknown-channel').message).toContain(
      'shell:exec',
    );
    expectError(await host.invoke(42, null), 'unknown-channel');
    expectError(await host.invoke({ toString: () => 'host:info' }, null), 'unknown-channel');
    expectError(await host.invoke('__proto__', null), 'unknown-channel');
    expect(lines).toHaveLength(4);
    expect(lines.every((line) => !line.includes('\n'))).toBe(true);
  });

  it('names the offending field of an invalid payload and logs it', async () => {
    const { host, lines } = setup();
    const error = expectError(
      await host.invoke('session:start', { scenario: 'sum', params: { n: [1] } }),
      'invalid-payload',
    );
    expect(error.message).toContain('params.n');
    expect(lines).toEqual([expect.stringContaining('session:start')]);
  });
});

describe('createHost: sessions', () => {
  it('starts a session and pushes its status and trace batches with the session id and host time', async () => {
    const { host, sessions, pushes, clock } = setup();
    const result = await host.invoke('session:start', { scenario: 'sum', params: { n: 3 } });
    expect(result).toEqual({ ok: true, value: { sessionId: 's1' } });
    const chunk = encodeEvents([{ type: 'task-submit', ts: 1, taskId: '0:0', name: 'add', args: '1' }]);
    clock.us = 12_345;
    sessions.sessions[0]!.observer.onTrace(chunk);
    sessions.sessions[0]!.finish(fakeSummary());
    expect(pushes).toEqual([
      {
        channel: 'session:status',
        payload: { sessionId: 's1', scenario: 'sum', state: 'running', startedUs: 1000 },
      },
      // The chunk as it came (never decoded by the host), stamped with the host's trace clock
      // when pushed, so renderers can map their clocks onto it.
      { channel: 'session:trace', payload: { sessionId: 's1', chunk, hostNowUs: 12_345 } },
      {
        channel: 'session:status',
        payload: {
          sessionId: 's1',
          scenario: 'sum',
          state: 'finished',
          startedUs: 1000,
          endedUs: 1500,
          summary: fakeSummary(),
        },
      },
    ]);
  });

  it('allows one session at a time: a second start is busy until the first finishes', async () => {
    const { host, sessions } = setup();
    await host.invoke('session:start', { scenario: 'sum', params: {} });
    const error = expectError(await host.invoke('session:start', { scenario: 'sum', params: {} }), 'busy');
    expect(error.message).toContain('s1');
    sessions.sessions[0]!.finish(fakeSummary());
    expect(await host.invoke('session:start', { scenario: 'sum', params: {} })).toEqual({
      ok: true,
      value: { sessionId: 's2' },
    });
  });

  it('rejects concurrent starts issued in the same tick', async () => {
    const { host } = setup();
    const results = await Promise.all([
      host.invoke('session:start', { scenario: 'sum', params: {} }),
      host.invoke('session:start', { scenario: 'sum', params: {} }),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false]);
  });

  it('reports unknown scenarios and bad params from the runner as invalid-payload', async () => {
    const { host } = setup();
    const unknown = expectError(
      await host.invoke('session:start', { scenario: 'nope', params: {} }),
      'invalid-payload',
    );
    expect(unknown).toEqual(
      expect.objectContaining({ name: 'TypeError', message: 'unknown scenario: nope' }),
    );
    const range = expectError(
      await host.invoke('session:start', { scenario: 'sum', params: { n: 1000 } }),
      'invalid-payload',
    );
    expect(range).toEqual(
      expect.objectContaining({
        name: 'RangeError',
        message: 'parameter n must be an integer from 1 to 100 (got 1000)',
      }),
    );
    // A rejected start does not occupy the slot.
    expect((await host.invoke('session:start', { scenario: 'sum', params: {} })).ok).toBe(true);
  });

  it('delivers trace batches that a runner reports before start() returns', async () => {
    const { host, sessions, pushes } = setup();
    const chunk = encodeEvents([{ type: 'worker-spawn', ts: 1, workerId: 0, pid: 9, backend: 'process' }]);
    sessions.duringStart = (observer) => observer.onTrace(chunk);
    await host.invoke('session:start', { scenario: 'sum', params: {} });
    expect(pushes).toContainEqual({
      channel: 'session:trace',
      payload: { sessionId: 's1', chunk, hostNowUs: 9_000 },
    });
  });

  it('stops the running session, frees the slot, and answers stopped:false for an ended id', async () => {
    const { host, sessions, pushes } = setup();
    await host.invoke('session:start', { scenario: 'sum', params: {} });
    expect(await host.invoke('session:stop', { sessionId: 's1' })).toEqual({
      ok: true,
      value: { stopped: true },
    });
    expect(sessions.sessions[0]!.stopCalls).toBe(1);
    expect(pushes.at(-1)).toEqual({
      channel: 'session:status',
      payload: { sessionId: 's1', scenario: 'sum', state: 'stopped', startedUs: 1000, endedUs: 1500 },
    });
    expect(await host.invoke('session:stop', { sessionId: 's1' })).toEqual({
      ok: true,
      value: { stopped: false },
    });
    expect((await host.invoke('session:start', { scenario: 'sum', params: {} })).ok).toBe(true);
  });

  it('answers not-found for a session id it never issued', async () => {
    const { host } = setup();
    await host.invoke('session:start', { scenario: 'sum', params: {} });
    expectError(await host.invoke('session:stop', { sessionId: 'other' }), 'not-found');
    expectError(await host.invoke('session:stop', { sessionId: '' }), 'invalid-payload');
  });
});

const submit = (i: number): TraceEvent => ({
  type: 'task-submit',
  ts: i,
  taskId: `0:${i}`,
  name: 'add',
  args: String(i),
});

/** Events as the runtime sends them: one chunk. */
const chunkOf = (...events: TraceEvent[]) => encodeEvents(events);

/** The `session:current` answer, its chunks decoded (as a page does) into `events`. */
async function current(
  host: ReturnType<typeof setup>['host'],
): Promise<(Omit<CurrentSession, 'chunks'> & { events: TraceEvent[] }) | null> {
  const result = await host.invoke('session:current', null);
  if (!result.ok) throw new Error(result.error.message);
  const reply = result.value as CurrentSession | null;
  if (reply === null) return null;
  const { chunks, ...rest } = reply;
  return { ...rest, events: chunks.flatMap(decodeChunk) };
}

describe('createHost: session:current', () => {
  it('answers null before any session, and rejects a non-null payload', async () => {
    const { host } = setup();
    expect(await current(host)).toBeNull();
    expectError(await host.invoke('session:current', {}), 'invalid-payload');
  });

  it('answers a running session with every event so far, early ones included, and the host time', async () => {
    const { host, sessions, clock } = setup();
    sessions.duringStart = (observer) => observer.onTrace(chunkOf(submit(0)));
    await host.invoke('session:start', { scenario: 'sum', params: {} });
    sessions.sessions[0]!.observer.onTrace(chunkOf(submit(1), submit(2)));
    clock.us = 20_000;
    const reply = await current(host);
    expect(reply).toEqual({
      status: { sessionId: 's1', scenario: 'sum', state: 'running', startedUs: 1000 },
      events: [submit(0), submit(1), submit(2)],
      truncated: false,
      hostNowUs: 20_000,
    });
    // The reply is a snapshot: later events do not change it.
    sessions.sessions[0]!.observer.onTrace(chunkOf(submit(3)));
    expect(reply!.events).toHaveLength(3);
  });

  it('keeps answering with the last session once it ended, until the next one starts', async () => {
    const { host, sessions } = setup();
    await host.invoke('session:start', { scenario: 'sum', params: {} });
    sessions.sessions[0]!.observer.onTrace(chunkOf(submit(1)));
    sessions.sessions[0]!.finish(fakeSummary());
    expect(await current(host)).toMatchObject({
      status: { sessionId: 's1', state: 'finished', endedUs: 1500, summary: fakeSummary() },
      events: [submit(1)],
    });
    // A start the runner refuses leaves the last session in place.
    expectError(await host.invoke('session:start', { scenario: 'nope', params: {} }), 'invalid-payload');
    expect((await current(host))?.status.sessionId).toBe('s1');

    await host.invoke('session:start', { scenario: 'sum', params: {} });
    sessions.sessions[1]!.observer.onTrace(chunkOf(submit(7)));
    expect(await current(host)).toMatchObject({
      status: { sessionId: 's2', state: 'running' },
      events: [submit(7)],
    });
  });

  it('is not displaced by a late status of a session that was replaced', async () => {
    const { host, sessions } = setup();
    await host.invoke('session:start', { scenario: 'sum', params: {} });
    await host.invoke('session:stop', { sessionId: 's1' });
    await host.invoke('session:start', { scenario: 'sum', params: {} });
    const old = sessions.sessions[0]!.observer;
    old.onStatus({ sessionId: 's1', scenario: 'sum', state: 'failed', startedUs: 1000, endedUs: 1600 });
    old.onTrace(chunkOf(submit(99)));
    expect(await current(host)).toMatchObject({ status: { sessionId: 's2', state: 'running' }, events: [] });
  });

  it(`keeps the newest chunks of a long run, at most ${MAX_SESSION_EVENTS} events, and says it dropped older ones`, async () => {
    const { host, sessions } = setup();
    await host.invoke('session:start', { scenario: 'sum', params: {} });
    const total = MAX_SESSION_EVENTS + 1234;
    const all = Array.from({ length: total }, (_, i) => submit(i));
    for (let i = 0; i < total; i += 5000)
      sessions.sessions[0]!.observer.onTrace(chunkOf(...all.slice(i, i + 5000)));
    const reply = await current(host);
    expect(reply?.truncated).toBe(true);
    // Whole chunks are dropped: the oldest one went, every later event is there, in order.
    expect(reply?.events).toEqual(all.slice(5000));
  });
});

describe('createHost: pushes and the sampler', () => {
  it('runs the sampler only while at least one subscriber exists', () => {
    const { host, sampler, unsubscribe } = setup();
    expect(sampler.running).toBe(true);
    const second = host.subscribe(() => {});
    unsubscribe();
    unsubscribe(); // idempotent: must not remove the other subscriber's interest
    expect(sampler.running).toBe(true);
    second();
    expect(sampler.running).toBe(false);
    const third = host.subscribe(() => {});
    expect(sampler.running).toBe(true);
    third();
  });

  it('does not start the sampler before anyone subscribes', () => {
    const sampler = new FakeSampler();
    createHost({
      shell: 'electron',
      version: '0',
      topology: new FakeTopology(fakeTopology()),
      sampler,
      sessions: new FakeRunner(),
      log: () => {},
    });
    expect(sampler.running).toBe(false);
  });

  it('sends every sample to every subscriber, even when one subscriber throws', () => {
    const { host, sampler, pushes, lines } = setup();
    host.subscribe(() => {
      throw new Error('window gone');
    });
    const other: unknown[] = [];
    host.subscribe((channel, payload) => other.push([channel, payload]));
    const sample = { t: 1, hz: 10, cores: [{ user: 10, system: 5 }], total: 15 };
    sampler.emit(sample);
    expect(pushes).toEqual([{ channel: 'sampler:sample', payload: sample }]);
    expect(other).toEqual([['sampler:sample', sample]]);
    expect(lines).toEqual([expect.stringContaining('window gone')]);
  });

  it('dispose stops the sampler and the running session and refuses later calls', async () => {
    const { host, sampler, sessions } = setup();
    await host.invoke('session:start', { scenario: 'sum', params: {} });
    await host.dispose();
    expect(sampler.disposed).toBe(true);
    expect(sampler.running).toBe(false);
    expect(sessions.sessions[0]!.stopCalls).toBe(1);
    expectError(await host.invoke('host:info', null), 'internal');
  });
});

describe('createHost: untrusted input', () => {
  it('answers a well-formed Result to any channel and payload, never throwing', async () => {
    const { host } = setup();
    const channel = fc.oneof(fc.constantFrom(...INVOKE_CHANNELS), fc.anything());
    const payload = fc.oneof(
      fc.anything(),
      fc.record({ hz: fc.anything() }),
      fc.record({ scenario: fc.oneof(fc.constant('sum'), fc.string()), params: fc.anything() }),
      fc.record({ sessionId: fc.anything() }),
    );
    await fc.assert(
      fc.asyncProperty(channel, payload, async (c, p) => {
        const result = await host.invoke(c, p);
        expect(isWellFormedResult(result)).toBe(true);
        // Keep the single session slot free so later runs exercise start again.
        if (result.ok && c === 'session:start') await host.invoke('session:stop', result.value);
      }),
      { numRuns: 400 },
    );
  });

  it('answers data even when the payload throws on access', async () => {
    const { host } = setup();
    const hostile = {
      get hz(): number {
        throw new Error('boom');
      },
    };
    const result = await host.invoke('sampler:set-rate', hostile);
    expect(isWellFormedResult(result)).toBe(true);
    expect(result.ok).toBe(false);
  });

  it('rejects malformed dependencies with a TypeError naming them', () => {
    const bad = {
      shell: 'browser',
      version: '1',
      topology: {},
      sampler: new FakeSampler(),
      sessions: new FakeRunner(),
    };
    expect(() => createHost(bad as unknown as Parameters<typeof createHost>[0])).toThrow(
      new TypeError('host: deps.topology must be a TopologyService'),
    );
  });
});
