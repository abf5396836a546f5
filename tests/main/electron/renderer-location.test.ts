import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appPaths, isRendererUrl, rendererSource } from '../../../src/main/electron/renderer-location';

const MAIN_URL = 'file:///opt/parascope/resources/app.asar/out/app/main/electron/main.js';
const paths = appPaths(MAIN_URL);
const appSource = rendererSource({ paths, isPackaged: true });
const fileUrl = (path: string): string => pathToFileURL(path).href;

describe('appPaths', () => {
  it('finds the preload and the renderer from the built main module', () => {
    expect(paths).toEqual({
      preload: '/opt/parascope/resources/app.asar/out/preload/index.cjs',
      rendererDir: '/opt/parascope/resources/app.asar/out/renderer',
      rendererIndex: '/opt/parascope/resources/app.asar/out/renderer/index.html',
    });
  });

  it.each(['https://example.com/out/app/main/electron/main.js', 'not a url', ''])(
    'refuses %j with a TypeError naming mainFileUrl',
    (url) => {
      expect(() => appPaths(url)).toThrow(TypeError);
      expect(() => appPaths(url)).toThrow(/mainFileUrl/);
    },
  );
});

describe('rendererSource', () => {
  it('loads the built renderer through the app protocol when no dev server is set', () => {
    expect(rendererSource({ paths, isPackaged: false })).toEqual({
      kind: 'app',
      url: 'app://parascope/index.html',
      dir: paths.rendererDir,
    });
  });

  it('uses the dev server in an unpackaged app', () => {
    expect(rendererSource({ paths, devUrl: 'http://localhost:5173/', isPackaged: false })).toEqual({
      kind: 'dev',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    expect(rendererSource({ paths, devUrl: 'https://evil.example/', isPackaged: true }).kind).toBe('app');
  });

  it.each([
    'https://evil.example/',
    'file:///etc/passwd',
    'http://192.168.1.5:5173',
    'localhost:5173',
    'nonsense',
  ])('refuses the dev URL %j with a TypeError naming ELECTRON_RENDERER_URL', (devUrl) => {
    expect(() => rendererSource({ paths, devUrl, isPackaged: false })).toThrow(TypeError);
    expect(() => rendererSource({ paths, devUrl, isPackaged: false })).toThrow(/ELECTRON_RENDERER_URL/);
  });
});

describe('isRendererUrl', () => {
  it.each([
    'app://parascope/index.html',
    'app://parascope/index.html#/timeline',
    'app://parascope/index.html?view=system',
    'app://parascope/',
    'app://parascope/assets/index-abc123.js',
  ])('accepts our renderer page %s', (url) => {
    expect(isRendererUrl(appSource, url)).toBe(true);
  });

  it.each([
    fileUrl(paths.rendererIndex),
    `${fileUrl(paths.rendererIndex)}#/timeline`,
    fileUrl(`${paths.rendererDir}/assets/index-abc123.js`),
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://parascope.evil.example/index.html',
    'app://evil.example/parascope/index.html',
    'app://user@parascope/index.html',
    'app://parascope:8080/index.html',
    'app:parascope/index.html',
    'apps://parascope/index.html',
    'https://parascope/index.html',
    'http://localhost:5173/',
    'https://evil.example/',
    'about:blank',
    'chrome-error://chromewebdata/',
    '',
    'data:text/html,<script>1</script>',
  ])('refuses %j', (url) => {
    expect(isRendererUrl(appSource, url)).toBe(false);
  });

  it('accepts every path on app://parascope and nothing on any other app:// host', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,11}$/);
    const host = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,15}$/).filter((h) => h !== 'parascope');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 4 }), host, (segments, other) => {
        const path = segments.join('/');
        return (
          isRendererUrl(appSource, `app://parascope/${path}`) &&
          !isRendererUrl(appSource, `app://${other}/${path}`)
        );
      }),
    );
  });

  it('in development accepts exactly the dev server origin', () => {
    const dev = rendererSource({ paths, devUrl: 'http://localhost:5173', isPackaged: false });
    expect(isRendererUrl(dev, 'http://localhost:5173/')).toBe(true);
    expect(isRendererUrl(dev, 'http://localhost:5173/src/main.tsx?t=1')).toBe(true);
    expect(isRendererUrl(dev, 'http://localhost:5174/')).toBe(false);
    expect(isRendererUrl(dev, 'http://127.0.0.1:5173/')).toBe(false);
    expect(isRendererUrl(dev, fileUrl(paths.rendererIndex))).toBe(false);
    expect(isRendererUrl(dev, 'app://parascope/index.html')).toBe(false);
  });
});
