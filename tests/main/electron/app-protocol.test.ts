import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APP_SCHEME_REGISTRATION,
  createAppProtocolHandler,
  serveAppProtocol,
} from '../../../src/main/electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/electron/security';
import { electron, fakeNet, resetElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const INDEX_HTML =
  '<!doctype html><title>Parascope</title><script type="module" src="./assets/app.js"></script>';
const APP_JS = 'console.log("renderer");';
const SECRET = 'TOP-SECRET-OUTSIDE-RENDERER';

let dir: string;
let rendererDir: string;
let log: ReturnType<typeof vi.fn<(line: string) => void>>;
let handle: (request: Request) => Promise<Response>;

beforeEach(async () => {
  resetElectron();
  dir = await mkdtemp(path.join(os.tmpdir(), 'parascope-app-protocol-'));
  rendererDir = path.join(dir, 'renderer');
  await mkdir(path.join(rendererDir, 'assets', 'nested'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), INDEX_HTML);
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), APP_JS);
  await writeFile(path.join(dir, 'secret.txt'), SECRET);
  await writeFile(path.join(dir, 'renderer-evil.html'), SECRET);
  await symlink(path.join(dir, 'secret.txt'), path.join(rendererDir, 'assets', 'leak.txt'));
  log = vi.fn();
  handle = createAppProtocolHandler({
    rendererDir,
    policy: CONTENT_SECURITY_POLICY,
    fetchFile: fakeNet.fetch,
    log,
  });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const get = (url: string, method = 'GET'): Promise<Response> => handle(new Request(url, { method }));

describe('the app scheme registration', () => {
  it('is a standard, secure, fetchable scheme that does not bypass the CSP', () => {
    expect(APP_SCHEME_REGISTRATION).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });
});

describe('the app protocol handler', () => {
  it('serves index.html at / and /index.html with the CSP and security headers', async () => {
    for (const url of [
      'app://parascope/',
      'app://parascope/index.html',
      'app://parascope/index.html?x=1#t',
    ]) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(INDEX_HTML);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('serves assets with their content type', async () => {
    const res = await get('app://parascope/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe(APP_JS);
  });

  it('answers HEAD with headers only and other methods with 405', async () => {
    const head = await get('app://parascope/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get('app://parascope/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    'app://parascope/../secret.txt',
    'app://parascope/%2e%2e/secret.txt',
    'app://parascope/%2E%2E/%2E%2E/secret.txt',
    'app://parascope/..%2fsecret.txt',
    'app://parascope/..%5csecret.txt',
    'app://parascope/assets/..%2f..%2fsecret.txt',
    'app://parascope/assets/..\\..\\secret.txt',
    'app://parascope/%00/../secret.txt',
    'app://parascope/index.html%00.js',
    'app://parascope/%252e%252e/secret.txt',
    'app://parascope/assets/leak.txt',
    'app://parascope//etc/passwd',
    'app://parascope/C:/Windows/win.ini',
    'app://parascope/%',
    'app://parascope/missing.js',
    'app://parascope/assets',
    'app://parascope/assets/nested/',
    'app://other/index.html',
    'app://parascope.evil.example/index.html',
    'app://parascope:99/index.html',
  ])('answers 404 and serves nothing for %s', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(SECRET);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('app protocol refused'));
  });

  it('never reads a file outside the renderer, whatever the path', async () => {
    await get('app://parascope/..%2f..%2fsecret.txt');
    await get('app://parascope/assets/leak.txt');
    await get('app://parascope/%2e%2e/renderer-evil.html');
    for (const [url] of fakeNet.fetch.mock.calls) {
      expect(url.startsWith(`file://${rendererDir}/`)).toBe(true);
    }
  });

  it('answers 404 and logs once the renderer is missing', async () => {
    const missing = createAppProtocolHandler({
      rendererDir: path.join(dir, 'nowhere'),
      policy: CONTENT_SECURITY_POLICY,
      fetchFile: fakeNet.fetch,
      log,
    });
    const res = await missing(new Request('app://parascope/index.html'));
    expect(res.status).toBe(404);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('not built'));
  });

  it('answers 500 and logs, never rejects, when reading fails', async () => {
    const failing = createAppProtocolHandler({
      rendererDir,
      policy: CONTENT_SECURITY_POLICY,
      fetchFile: () => Promise.reject(new Error('disk on fire')),
      log,
    });
    const res = await failing(new Request('app://parascope/index.html'));
    expect(res.status).toBe(500);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('disk on fire'));
  });
});

describe('serveAppProtocol', () => {
  it("handles the app scheme on Electron's protocol module, reading files with net.fetch", async () => {
    serveAppProtocol({ rendererDir, policy: CONTENT_SECURITY_POLICY, log });
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const res = await electron.protocol.request('app://parascope/index.html');
    expect(await res.text()).toBe(INDEX_HTML);
    expect(fakeNet.fetch).toHaveBeenCalledWith(`file://${rendererDir}/index.html`);
  });
});
