/**
 * Untrusted payloads through the Electron IPC path, end to end in-process: the real host
 * façade (with fake services) behind the real invoke handlers, called with what a compromised
 * renderer could send. Payloads go through structuredClone, as Electron's IPC does.
 */
import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createHost } from '../../src/main/host/host';
import { connectWindow } from '../../src/main/electron/ipc';
import { appPaths, rendererSource } from '../../src/main/electron/renderer-location';
import { INVOKE_CHANNELS } from '../../src/shared/contract';
import type { Result } from '../../src/shared/errors';
import { electron, FakeBrowserWindow, invokeEvent, resetElectron } from '../main/electron/fake-electron';
import { FakeRunner, FakeSampler, FakeTopology, fakeTopology } from '../main/host/fakes';

vi.mock('electron', async () => (await import('../main/electron/fake-electron')).electronModule);

const source = rendererSource({
  paths: appPaths('file:///opt/parascope/out/app/main/electron/main.js'),
  isPackaged: true,
});

function setup() {
  const lines: string[] = [];
  const sessions = new FakeRunner();
  const host = createHost({
    shell: 'electron',
    version: '0.1.0',
    topology: new FakeTopology(fakeTopology()),
    sampler: new FakeSampler(),
    sessions,
    log: (line) => lines.push(line),
  });
  const win = new FakeBrowserWindow({});
  win.webContents.navigate('app://parascope/index.html');
  connectWindow({ win: win as unknown as BrowserWindow, host, source, log: (line) => lines.push(line) });
  const call = async (channel: string, payload: unknown): Promise<Result<unknown>> =>
    (await electron.ipcMain.invoke(
      channel,
      invokeEvent(win.webContents),
      structuredClone(payload),
    )) as Result<unknown>;
  return { call, lines, sessions };
}

const MB = 1024 * 1024;
const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

/** Hostile payloads for every channel: wrong types, extra keys, huge and deep values. */
const HOSTILE: unknown[] = [
  undefined,
  'a string',
  42,
  [],
  { unexpected: true },
  // Deeper than this cannot be structured-cloned at all: the renderer's send would throw first.
  nested(500),
  'x'.repeat(8 * MB),
  Array.from({ length: 100_000 }, (_, i) => i),
];

const BAD_REQUESTS: [string, unknown][] = [
  ['sampler:set-rate', { hz: '20' }],
  ['sampler:set-rate', { hz: Number.NaN }],
  ['sampler:set-rate', { hz: 1e308 }],
  ['sampler:set-rate', { hz: 10, extra: 1 }],
  ['session:start', { scenario: 'x'.repeat(MB), params: {} }],
  ['session:start', { scenario: 'sum', params: { n: Number.POSITIVE_INFINITY } }],
  [
    'session:start',
    { scenario: 'sum', params: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`p${i}`, i])) },
  ],
  ['session:start', { scenario: 'sum', params: { ['k'.repeat(500)]: 1 } }],
  ['session:start', { scenario: 'sum', params: { n: nested(500) } }],
  ['session:start', { scenario: '', params: {} }],
  ['session:stop', { sessionId: 'y'.repeat(4 * MB) }],
  ['session:stop', { sessionId: ['s1'] }],
];

describe('Electron IPC: untrusted payloads', () => {
  beforeEach(resetElectron);

  it.each(INVOKE_CHANNELS.filter((c) => c !== 'host:info' && c !== 'topology:get' && c !== 'scenarios:list'))(
    'answers hostile payloads on %s with invalid-payload, logs each, and keeps working',
    async (channel) => {
      const { call, lines } = setup();
      for (const payload of HOSTILE) {
        const result = await call(channel, payload);
        expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
      }
      expect(lines.filter((l) => l.includes(`rejected ${channel} (invalid-payload)`))).toHaveLength(
        HOSTILE.length,
      );
      expect(await call('host:info', null)).toMatchObject({ ok: true });
    },
  );

  it.each(BAD_REQUESTS)(
    'refuses %s with %#: an error reply naming the problem, never a crash',
    async (channel, payload) => {
      const { call, lines, sessions } = setup();
      const result = await call(channel, payload);
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'invalid-payload', name: expect.any(String) },
      });
      if (result.ok) throw new Error('unreachable');
      // The message names the channel and stays short, however large the payload was.
      expect(result.error.message).toContain(channel);
      expect(result.error.message.length).toBeLessThan(1000);
      expect(lines.some((l) => l.includes(`rejected ${channel}`))).toBe(true);
      expect(lines.every((l) => l.length < 2000)).toBe(true);
      expect(sessions.sessions).toHaveLength(0);
      expect(await call('host:info', null)).toMatchObject({ ok: true });
    },
  );

  it('takes no prototype pollution from a payload carrying __proto__', async () => {
    const { call } = setup();
    const payload = JSON.parse('{"sessionId":"s1","__proto__":{"polluted":true}}') as unknown;
    expect(await call('session:stop', payload)).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses null payload channels given anything but null', async () => {
    const { call } = setup();
    for (const channel of ['host:info', 'topology:get', 'scenarios:list']) {
      expect(await call(channel, { sneaky: 'x'.repeat(MB) })).toMatchObject({
        ok: false,
        error: { code: 'invalid-payload' },
      });
      expect(await call(channel, null)).toMatchObject({ ok: true });
    }
  });
});
