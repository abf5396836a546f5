import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../src/shared/contract';
import {
  isInvokeChannel,
  isTraceChunk,
  parseRequest,
  requestSchemas,
  traceChunkProblem,
} from '../../src/shared/contract-schema';
import { encodeEvents, TRACE_CHUNK_STRIDE } from '../../src/shared/trace-chunk';

describe('contract validation', () => {
  it('has one schema for every invoke channel and none more', () => {
    expect(Object.keys(requestSchemas).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('knows the contract channels and nothing inherited from Object', () => {
    for (const channel of INVOKE_CHANNELS) expect(isInvokeChannel(channel)).toBe(true);
    for (const name of [
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      '',
      'session:start ',
      42,
      null,
    ]) {
      expect(isInvokeChannel(name)).toBe(false);
    }
  });

  it('accepts well-formed requests', () => {
    expect(parseRequest('topology:get', null)).toEqual({ ok: true, value: null });
    expect(parseRequest('sampler:set-rate', { hz: 50 })).toEqual({ ok: true, value: { hz: 50 } });
    expect(parseRequest('session:start', { scenario: 'pool-map', params: { workers: 2 } })).toEqual({
      ok: true,
      value: { scenario: 'pool-map', params: { workers: 2 } },
    });
    expect(parseRequest('workload:open', { path: '/home/me/w.ts' })).toEqual({
      ok: true,
      value: { path: '/home/me/w.ts' },
    });
    expect(parseRequest('workload:recent', null)).toEqual({ ok: true, value: null });
    expect(parseRequest('workload:pick', null)).toEqual({ ok: true, value: null });
  });

  it('accepts parameter values of every kind: numbers, booleans and strings', () => {
    const params = { workers: 4, unit: 0.5, lock: false, backend: 'thread' };
    expect(parseRequest('session:start', { scenario: 'race-counter', params })).toEqual({
      ok: true,
      value: { scenario: 'race-counter', params },
    });
  });

  it('starts a workload file by path, and names exactly one of scenario and file', () => {
    expect(parseRequest('session:start', { file: './w.ts', params: { n: 1 } })).toEqual({
      ok: true,
      value: { file: './w.ts', params: { n: 1 } },
    });
    for (const payload of [{ params: {} }, { scenario: 'pool-map', file: './w.ts', params: {} }]) {
      const result = parseRequest('session:start', payload);
      expect(result.ok || result.message).toBe(
        'invalid payload for session:start: give either scenario (an id) or file (a path), not both',
      );
    }
  });

  it('names the parameter whose value is of no accepted type', () => {
    const result = parseRequest('session:start', { scenario: 'x', params: { workers: [2] } });
    expect(result.ok || result.message).toBe(
      'invalid payload for session:start at params.workers: expected a finite number, a boolean or a string of at most 200 characters',
    );
  });

  it.each([
    ['topology:get', { please: true }],
    ['sampler:set-rate', { hz: 0 }],
    ['sampler:set-rate', { hz: 51 }],
    ['sampler:set-rate', { hz: 2.5 }],
    ['sampler:set-rate', { hz: '10' }],
    ['sampler:set-rate', { hz: 10, extra: 1 }],
    ['session:start', { scenario: '', params: {} }],
    ['session:start', { scenario: 'pool-map', params: { workers: Number.NaN } }],
    ['session:start', { scenario: 'pool-map', params: { workers: { n: 2 } } }],
    ['session:start', { scenario: 'pool-map', params: { workers: 'x'.repeat(201) } }],
    ['session:start', { scenario: 'pool-map', params: { workers: Infinity } }],
    ['session:start', { file: '', params: {} }],
    ['session:start', { file: 'x'.repeat(4097), params: {} }],
    ['workload:open', { path: '' }],
    ['workload:open', { path: '/w.ts', extra: 1 }],
    ['workload:open', null],
    ['workload:recent', {}],
    ['workload:pick', { title: 'x' }],
    ['session:start', { scenario: 'pool-map' }],
    ['session:stop', { sessionId: 7 }],
    ['session:stop', undefined],
  ] as const)('rejects %s %j with a message naming the channel', (channel, payload) => {
    const result = parseRequest(channel, payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(`invalid payload for ${channel}`);
  });

  it('names the offending field', () => {
    const result = parseRequest('sampler:set-rate', { hz: 99 });
    expect(result.ok || result.message).toMatch(/at hz:/);
  });

  it('rejects more than 32 parameters', () => {
    const params = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`p${i}`, i]));
    expect(parseRequest('session:start', { scenario: 'pool-map', params }).ok).toBe(false);
  });

  it('keeps the error short when the payload carries a huge key', () => {
    const key = 'k'.repeat(1_000_000);
    const result = parseRequest('sampler:set-rate', { hz: 10, [key]: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeLessThan(400);
  });
});

describe('trace chunk shape check', () => {
  const good = () => ({
    records: new Float64Array(TRACE_CHUNK_STRIDE * 2),
    strings: ['sq'],
    infos: [['1.0/1', 'lock', 'L'] as [string, string, string]],
    objects: [{ type: 'output', ts: 1 }],
  });

  it('accepts what the runtime writes, empty chunks included', () => {
    expect(traceChunkProblem(good())).toBeNull();
    expect(isTraceChunk(encodeEvents([]))).toBe(true);
    expect(
      isTraceChunk(encodeEvents([{ type: 'task-submit', ts: 1, taskId: '1:0', name: 'a', args: 'b' }])),
    ).toBe(true);
  });

  it('names the field that is out of shape', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ records: [0, 0, 0, 0, 0, 0, 0, 0] }, /records must be a Float64Array/],
      [{ records: new Float64Array(TRACE_CHUNK_STRIDE + 1) }, /whole records/],
      [{ strings: [1] }, /strings/],
      [{ infos: [['a', 'b']] }, /infos/],
      [{ objects: [{ ts: 1 }] }, /objects/],
    ];
    for (const [change, message] of cases) {
      expect(traceChunkProblem({ ...good(), ...change })).toMatch(message);
      expect(isTraceChunk({ ...good(), ...change })).toBe(false);
    }
    expect(traceChunkProblem(null)).toMatch(/object/);
  });
});
