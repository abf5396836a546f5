import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  EXTERNAL_ORIGINS,
  isAllowedExternalUrl,
  openExternalIfAllowed,
} from '../../../src/main/electron/external-links';
import { electron, resetElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const DOCS = ['https://docs.parascope.example'];

beforeEach(resetElectron);

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://docs.parascope.example/',
    'https://docs.parascope.example/guide/install?os=linux#deb',
    'https://DOCS.parascope.example/',
    'https://docs.parascope.example:443/x',
  ])('allows the https page %s on an allow-listed origin', (url) => {
    expect(isAllowedExternalUrl(url, DOCS)).toBe(true);
  });

  it.each([
    'http://docs.parascope.example/',
    'https://docs.parascope.example.evil.example/',
    'https://evil.example/docs.parascope.example',
    'https://docs.parascope.example@evil.example/',
    'https://user:pw@docs.parascope.example/',
    'https://docs.parascope.example:8443/',
    'file:///etc/passwd',
    'smb://docs.parascope.example/share',
    'javascript:alert(1)',
    'ms-msdt:/id PCWDiagnostic',
    'app://parascope/index.html',
    'docs.parascope.example',
    '',
    42,
    null,
    { toString: () => 'https://docs.parascope.example/' },
  ])('refuses %j', (url) => {
    expect(isAllowedExternalUrl(url, DOCS)).toBe(false);
  });

  it('refuses everything with the shipped allow-list, which is empty', () => {
    expect(EXTERNAL_ORIGINS).toEqual([]);
    expect(isAllowedExternalUrl('https://github.com/')).toBe(false);
  });
});

describe('openExternalIfAllowed', () => {
  it('hands an allowed URL to shell.openExternal, unchanged', () => {
    const url = 'https://docs.parascope.example/guide';
    expect(openExternalIfAllowed(url, vi.fn(), DOCS)).toBe(true);
    expect(electron.shell.openExternal).toHaveBeenCalledWith(url);
  });

  it('never calls shell.openExternal for a refused URL', () => {
    expect(openExternalIfAllowed('file:///bin/sh', vi.fn(), DOCS)).toBe(false);
    expect(openExternalIfAllowed('https://docs.parascope.example/', vi.fn())).toBe(false);
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('logs a failure to open instead of leaving a rejected promise', async () => {
    electron.shell.openExternal.mockRejectedValueOnce(new Error('no handler for https'));
    const log = vi.fn();
    const logged = new Promise<void>((resolve) => log.mockImplementation(() => resolve()));
    openExternalIfAllowed('https://docs.parascope.example/', log, DOCS);
    await logged;
    expect(log).toHaveBeenCalledWith(expect.stringContaining('no handler for https'));
  });
});
