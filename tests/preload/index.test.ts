import { describe, expect, it, vi } from 'vitest';

const exposed = vi.hoisted(() => [] as [string, unknown][]);
const ipcRenderer = vi.hoisted(() => ({ invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) },
  ipcRenderer,
}));

await import('../../src/preload/index');

describe('preload', () => {
  it('exposes exactly invoke and on under window.parascope, once', () => {
    expect(exposed).toHaveLength(1);
    const [key, api] = exposed[0] as [string, Record<string, unknown>];
    expect(key).toBe('parascope');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(typeof api['invoke']).toBe('function');
    expect(typeof api['on']).toBe('function');
  });

  it('forwards contract calls to ipcRenderer without exposing ipcRenderer itself', async () => {
    const [, api] = exposed[0] as [string, { invoke: (c: string, r: unknown) => Promise<unknown> }];
    expect(Object.values(api)).not.toContain(ipcRenderer);
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: null });
    await expect(api.invoke('host:info', null)).resolves.toEqual({ ok: true, value: null });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('host:info', null);
  });

  it('is built on the real ipcRenderer (push listeners land on it)', () => {
    const [, api] = exposed[0] as [string, { on: (c: string, l: (p: unknown) => void) => () => void }];
    const off = api.on('session:status', vi.fn());
    expect(ipcRenderer.on).toHaveBeenCalledWith('session:status', expect.any(Function));
    off();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith(
      'session:status',
      ipcRenderer.on.mock.calls[0]?.[1],
    );
  });
});
