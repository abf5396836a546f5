import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { connectWindow } from '../../../src/main/electron/ipc';
import { appPaths, rendererSource } from '../../../src/main/electron/renderer-location';
import { INVOKE_CHANNELS, type SessionStatus } from '../../../src/shared/contract';
import type { CoreSample } from '../../../src/shared/samples';
import { decodeChunk, encodeEvents } from '../../../src/shared/trace-chunk';
import type { TraceEvent } from '../../../src/shared/trace-schema';
import { electron, FakeBrowserWindow, FakeWebContents, invokeEvent, resetElectron } from './fake-electron';
import { fakeHost, type FakeHost } from './fake-host';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const paths = appPaths('file:///opt/parascope/out/app/main/electron/main.js');
const source = rendererSource({ paths, isPackaged: true });
const RENDERER_URL = 'app://parascope/index.html';
const SAMPLE: CoreSample = { t: 1, hz: 10, cores: [{ user: 10, system: 5 }], total: 15 };

interface Connected {
  win: FakeBrowserWindow;
  host: FakeHost;
  log: ReturnType<typeof vi.fn>;
  disconnect: () => void;
}

function connect(): Connected {
  const win = new FakeBrowserWindow({});
  win.webContents.navigate(RENDERER_URL);
  const host = fakeHost();
  const log = vi.fn();
  const disconnect = connectWindow({ win: win as unknown as BrowserWindow, host, source, log });
  return { win, host, log, disconnect };
}

beforeEach(resetElectron);

describe('invoke handlers', () => {
  it('registers every invoke channel exactly once', () => {
    connect();
    const registered = electron.ipcMain.handle.mock.calls.map(([channel]) => channel);
    expect(registered).toHaveLength(INVOKE_CHANNELS.length);
    expect(new Set(registered)).toEqual(new Set(INVOKE_CHANNELS));
  });

  it('passes a call from our renderer to the host and returns its Result as is', async () => {
    const { win, host } = connect();
    const answer = { ok: true as const, value: { hz: 20 } };
    host.invokeMock.mockResolvedValueOnce(answer);
    const result = await electron.ipcMain.invoke('sampler:set-rate', invokeEvent(win.webContents), {
      hz: 20,
    });
    expect(result).toBe(answer);
    expect(host.invokeMock).toHaveBeenCalledWith('sampler:set-rate', { hz: 20 });
  });

  it('returns the host’s error Result unchanged', async () => {
    const { win, host } = connect();
    const refused = {
      ok: false as const,
      error: {
        code: 'invalid-payload' as const,
        name: 'TypeError',
        message: 'invalid payload for session:stop',
      },
    };
    host.invokeMock.mockResolvedValueOnce(refused);
    await expect(electron.ipcMain.invoke('session:stop', invokeEvent(win.webContents), {})).resolves.toBe(
      refused,
    );
  });

  it('answers with an internal error Result if the host throws', async () => {
    const { win, host } = connect();
    host.invokeMock.mockRejectedValueOnce(new Error('boom'));
    const result = await electron.ipcMain.invoke('host:info', invokeEvent(win.webContents), null);
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', name: 'Error', message: expect.stringContaining('boom') },
    });
  });
});

describe('sender check', () => {
  const foreignCalls: [string, (win: FakeBrowserWindow) => ReturnType<typeof invokeEvent>][] = [
    [
      'another webContents',
      () => {
        const other = new FakeWebContents();
        other.navigate(RENDERER_URL);
        return invokeEvent(other);
      },
    ],
    [
      'a subframe of our window',
      (win) =>
        invokeEvent(win.webContents, {
          url: RENDERER_URL,
          parent: win.webContents.mainFrame,
          processId: 7,
          routingId: 999,
        }),
    ],
    [
      'a frame of another process that reuses the main frame’s routing id',
      (win) =>
        invokeEvent(win.webContents, {
          url: RENDERER_URL,
          parent: null,
          processId: win.webContents.mainFrame.processId + 1,
          routingId: win.webContents.mainFrame.routingId,
        }),
    ],
    [
      'a foreign page in our window',
      (win) => {
        win.webContents.navigate('https://evil.example/');
        return invokeEvent(win.webContents);
      },
    ],
    [
      'a local file',
      (win) => {
        win.webContents.navigate('file:///home/user/Downloads/evil.html');
        return invokeEvent(win.webContents);
      },
    ],
    [
      'our own renderer files over file:// instead of app://',
      (win) => {
        win.webContents.navigate('file:///opt/parascope/out/renderer/index.html');
        return invokeEvent(win.webContents);
      },
    ],
    [
      'another app:// host',
      (win) => {
        win.webContents.navigate('app://evil/index.html');
        return invokeEvent(win.webContents);
      },
    ],
    ['a frame that is already gone', (win) => invokeEvent(win.webContents, null)],
  ];

  it.each(foreignCalls)('refuses %s without reaching the host', async (_what, makeEvent) => {
    const { win, host, log } = connect();
    for (const channel of INVOKE_CHANNELS) {
      const result = await electron.ipcMain.invoke(channel, makeEvent(win), null);
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'invalid-payload',
          name: 'Error',
          message: expect.stringContaining('sender not allowed'),
        },
      });
    }
    expect(host.invokeMock).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(INVOKE_CHANNELS.length);
  });
});

describe('pushes', () => {
  it('sends every host push to the window’s webContents', () => {
    const { win, host } = connect();
    const status: SessionStatus = { sessionId: 's1', scenario: 'pool-map', state: 'running', startedUs: 1 };
    host.push('sampler:sample', SAMPLE);
    host.push('session:status', status);
    expect(win.webContents.send.mock.calls).toEqual([
      ['sampler:sample', SAMPLE],
      ['session:status', status],
    ]);
  });

  it('sends a trace batch as its chunk, which structured clone (what webContents.send uses) carries whole', () => {
    const { win, host } = connect();
    const events: TraceEvent[] = [
      { type: 'task-start', ts: 5, taskId: '2:1', workerId: 1, pid: 7 },
      {
        type: 'value-write',
        ts: 6,
        objectId: '7.0/1',
        kind: 'value',
        name: 'v',
        pid: 7,
        tid: 0,
        value: -Infinity,
      },
    ];
    const batch = { sessionId: 's1', chunk: encodeEvents(events), hostNowUs: 9 };
    host.push('session:trace', batch);
    expect(win.webContents.send.mock.calls).toEqual([['session:trace', batch]]);
    const sent = structuredClone(win.webContents.send.mock.calls[0]![1] as typeof batch);
    expect(sent.chunk.records).toBeInstanceOf(Float64Array);
    expect(decodeChunk(sent.chunk)).toEqual(events);
  });

  it('sends nothing to a page that is not our renderer', () => {
    const { win, host } = connect();
    win.webContents.navigate('https://evil.example/');
    host.push('sampler:sample', SAMPLE);
    expect(win.webContents.send).not.toHaveBeenCalled();
  });

  it('stops pushing and removes its handlers when the window closes', () => {
    const { win, host } = connect();
    win.close();
    expect(host.listeners.size).toBe(0);
    expect(electron.ipcMain.handlers.size).toBe(0);
    host.push('sampler:sample', SAMPLE);
    expect(win.webContents.send).not.toHaveBeenCalled();
  });

  it('lets a new window connect after the old one closed', async () => {
    const first = connect();
    first.win.close();
    const second = connect();
    await electron.ipcMain.invoke('host:info', invokeEvent(second.win.webContents), null);
    expect(second.host.invokeMock).toHaveBeenCalledWith('host:info', null);
    // The first window's webContents id no longer passes the sender check.
    const stale = await electron.ipcMain.invoke('host:info', invokeEvent(first.win.webContents), null);
    expect(stale).toMatchObject({ ok: false });
  });

  it('disconnects once, whether by the returned function or by closing', () => {
    const { win, host, disconnect } = connect();
    disconnect();
    expect(host.listeners.size).toBe(0);
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledTimes(INVOKE_CHANNELS.length);
    win.close();
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledTimes(INVOKE_CHANNELS.length);
  });
});
