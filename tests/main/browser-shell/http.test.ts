import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserShell, type BrowserShell } from '../../../src/main/browser-shell';
import { APP_JS, FakeHost, INDEX_HTML, SECRET, makeRenderer, rawRequest, type RawResponse } from './helpers';

let fixture: Awaited<ReturnType<typeof makeRenderer>>;
let shell: BrowserShell;
let lines: string[];

beforeEach(async () => {
  fixture = await makeRenderer();
  lines = [];
  shell = await startBrowserShell({
    host: new FakeHost(),
    rendererDir: fixture.rendererDir,
    log: (line) => lines.push(line),
  });
});

afterEach(async () => {
  await shell.close();
  await fixture.cleanup();
});

function get(rawPath: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(shell.port, rawPath, { headers });
}

function expectNoCors(res: RawResponse): void {
  expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
}

describe('browser shell HTTP: token', () => {
  it('serves the page at the URL it returns, and sets the token cookie', async () => {
    expect(shell.url).toBe(`http://127.0.0.1:${shell.port}/?token=${shell.token}`);
    const res = await fetch(shell.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX_HTML);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('set-cookie')).toBe(
      `parascope_token_${shell.port}=${shell.token}; HttpOnly; SameSite=Strict; Path=/`,
    );
  });

  it('makes a fresh random token per run', async () => {
    const other = await startBrowserShell({
      host: new FakeHost(),
      rendererDir: fixture.rendererDir,
      log: () => {},
    });
    try {
      expect(other.token).not.toBe(shell.token);
      expect(other.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    } finally {
      await other.close();
    }
  });

  it('refuses requests without a token (401) or with a wrong one (403), logging each', async () => {
    const none = await get('/');
    expect(none.status).toBe(401);
    expect(none.body).toContain('token');
    expect(none.body).not.toContain(INDEX_HTML);
    expect((await get('/?token=wrong')).status).toBe(403);
    expect((await get('/', { Authorization: 'Bearer wrong' })).status).toBe(403);
    expect((await get('/', { Cookie: `parascope_token_${shell.port}=wrong` })).status).toBe(403);
    expect((await get(`/?token=${shell.token}x`)).status).toBe(403);
    expect(lines).toHaveLength(5);
    // Log lines never contain the token or the query.
    expect(lines.join('\n')).not.toContain('token=');
  });

  it('accepts the token as a bearer header or as the cookie, without setting the cookie again', async () => {
    const bearer = await get('/assets/app.js', { Authorization: `Bearer ${shell.token}` });
    expect(bearer.status).toBe(200);
    expect(bearer.body).toBe(APP_JS);
    expect(bearer.headers['set-cookie']).toBeUndefined();
    const cookie = await get('/assets/app.js', {
      Cookie: `theme=dark; parascope_token_${shell.port}=${shell.token}`,
    });
    expect(cookie.status).toBe(200);
    expect(cookie.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it("ignores another shell's cookie: the cookie name carries the port, so shells never clash", async () => {
    // Cookies are per host, not per port: a browser sends every shell's cookie to each of them.
    const foreign = await get('/assets/app.js', { Cookie: `parascope_token_1=${shell.token}` });
    expect(foreign.status).toBe(401);
    const both = await get('/assets/app.js', {
      Cookie: `parascope_token_1=stale; parascope_token_${shell.port}=${shell.token}`,
    });
    expect(both.status).toBe(200);
  });

  it('accepts a fixed token given in the options and rejects a weak one', async () => {
    const token = 'fixed-token-0123456789';
    const fixed = await startBrowserShell({
      host: new FakeHost(),
      rendererDir: fixture.rendererDir,
      token,
      log: () => {},
    });
    try {
      expect(fixed.token).toBe(token);
      expect((await rawRequest(fixed.port, `/?token=${token}`)).status).toBe(200);
    } finally {
      await fixed.close();
    }
    await expect(
      startBrowserShell({
        host: new FakeHost(),
        rendererDir: fixture.rendererDir,
        token: 'short',
        log: () => {},
      }),
    ).rejects.toThrow(RangeError);
  });
});

describe('browser shell HTTP: Host and Origin', () => {
  it('refuses a rebound Host header even with the right token', async () => {
    const res = await get(`/?token=${shell.token}`, { Host: `evil.example:${shell.port}` });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain(INDEX_HTML);
    expect((await get(`/?token=${shell.token}`, { Host: `127.0.0.1:${shell.port + 1}` })).status).toBe(403);
  });

  it('accepts the loopback names on its own port', async () => {
    for (const host of [`localhost:${shell.port}`, `[::1]:${shell.port}`, `LOCALHOST:${shell.port}`]) {
      expect((await get(`/?token=${shell.token}`, { Host: host })).status).toBe(200);
    }
  });

  it('refuses a foreign or null Origin and accepts its own', async () => {
    const foreign = await get(`/?token=${shell.token}`, { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expectNoCors(foreign);
    expect((await get(`/?token=${shell.token}`, { Origin: 'null' })).status).toBe(403);
    expect((await get(`/?token=${shell.token}`, { Origin: `https://127.0.0.1:${shell.port}` })).status).toBe(
      403,
    );
    const own = await get(`/?token=${shell.token}`, { Origin: `http://127.0.0.1:${shell.port}` });
    expect(own.status).toBe(200);
    expectNoCors(own);
  });
});

describe('browser shell HTTP: static files', () => {
  const auth = (): Record<string, string> => ({ Authorization: `Bearer ${shell.token}` });

  it('sends the security headers, and no-store for index.html', async () => {
    const res = await get('/', auth());
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['cache-control']).toBe('no-store');
    expectNoCors(res);
    const refused = await get('/');
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers HEAD with headers only, other methods with 405, unknown files with 404', async () => {
    const head = await rawRequest(shell.port, '/assets/app.js', { method: 'HEAD', headers: auth() });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(APP_JS.length));
    expect(head.body).toBe('');
    const post = await rawRequest(shell.port, '/', { method: 'POST', headers: auth() });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect((await get('/missing.js', auth())).status).toBe(404);
    expect((await get('/assets', auth())).status).toBe(404);
    expect((await get('/assets/', auth())).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/assets/../../secret.txt',
    '/assets/..\\..\\secret.txt',
    '/%00/../secret.txt',
    '/index.html%00.js',
    '/%252e%252e/secret.txt',
    '/../package.json',
    '/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    '/assets/leak.txt',
    '/%',
  ])('never serves a file outside the renderer: %s', async (rawPath) => {
    const res = await get(rawPath, auth());
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain(SECRET);
  });

  it('refuses absolute-form request targets and absolute file paths', async () => {
    const secretPath = path.join(fixture.dir, 'secret.txt');
    for (const target of [
      `http://127.0.0.1:${shell.port}/../secret.txt`,
      `/${secretPath}`,
      `//${secretPath}`,
    ]) {
      const res = await get(target, auth());
      expect([400, 404]).toContain(res.status);
      expect(res.body).not.toContain(SECRET);
    }
  });
});

describe('startBrowserShell: options', () => {
  it('rejects with a build hint when the renderer has no index.html', async () => {
    await rm(path.join(fixture.rendererDir, 'index.html'));
    await expect(
      startBrowserShell({ host: new FakeHost(), rendererDir: fixture.rendererDir, log: () => {} }),
    ).rejects.toThrow(/renderer is not built.*npm run build/);
    await expect(
      startBrowserShell({
        host: new FakeHost(),
        rendererDir: path.join(fixture.dir, 'nowhere'),
        log: () => {},
      }),
    ).rejects.toThrow(/renderer is not built/);
  });

  it('names the offending option', async () => {
    const base = { host: new FakeHost(), rendererDir: fixture.rendererDir, log: () => {} };
    await expect(startBrowserShell({ ...base, port: -1 })).rejects.toThrow(
      new RangeError('startBrowserShell: options.port must be an integer 0..65535'),
    );
    await expect(startBrowserShell({ ...base, host: {} as FakeHost })).rejects.toThrow(TypeError);
  });

  it('warns when bound beyond loopback', async () => {
    const warnings: string[] = [];
    const open = await startBrowserShell({
      host: new FakeHost(),
      rendererDir: fixture.rendererDir,
      bindHost: '0.0.0.0',
      log: (line) => warnings.push(line),
    });
    try {
      expect(warnings).toEqual([expect.stringContaining('warning')]);
      expect(open.url).toBe(`http://127.0.0.1:${open.port}/?token=${open.token}`);
      expect((await rawRequest(open.port, `/?token=${open.token}`)).status).toBe(200);
    } finally {
      await open.close();
    }
    expect(lines.filter((line) => line.includes('warning'))).toEqual([]);
  });
});
