import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { InitializeHook, ResolveHook, ResolveHookContext } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  SELF_RESOLVE_HOOKS,
  SELF_RESOLVE_HOOKS_URL,
  type SelfResolveData,
} from '../../../src/workers/runtime/self-resolve-hooks';

const RUNTIME = 'file:///opt/parascope/out/app/workers/runtime/index.js';
const context: ResolveHookContext = {
  conditions: ['node', 'import'],
  importAssertions: {},
  importAttributes: {},
  parentURL: 'file:///home/user/project/tasks.mjs',
};

/** The next resolver: answers what it was asked, so the test sees what the hook passed on. */
const next = () => vi.fn((specifier: string) => ({ url: `next:${specifier}` }));

// The hooks as Node loads them (the same source), from a file the test runner can import.
let dir: string;
let hooks: { initialize: InitializeHook<SelfResolveData>; resolve: ResolveHook };
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parascope-hooks-'));
  const file = join(dir, 'hooks.mjs');
  writeFileSync(file, SELF_RESOLVE_HOOKS);
  hooks = (await import(pathToFileURL(file).href)) as typeof hooks;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('self-resolve hooks', () => {
  it('are registered as a data: URL of their source (loadable without any loader)', () => {
    expect(decodeURIComponent(SELF_RESOLVE_HOOKS_URL)).toBe(`data:text/javascript,${SELF_RESOLVE_HOOKS}`);
  });

  it('defer everything until initialized', async () => {
    expect(await hooks.resolve('parascope/runtime', context, next())).toEqual({
      url: 'next:parascope/runtime',
    });
  });

  it("send `parascope` and `parascope/runtime` on as the running runtime's URL, everything else as is", async () => {
    await hooks.initialize({ runtime: RUNTIME, probes: ['self'] });
    for (const specifier of ['parascope', 'parascope/runtime']) {
      const n = next();
      // Passed down the chain (not answered here), so a TypeScript loader still sees the URL.
      expect(await hooks.resolve(specifier, context, n)).toEqual({ url: `next:${RUNTIME}` });
      expect(n).toHaveBeenCalledWith(RUNTIME, context);
    }
    for (const specifier of ['parascope/package.json', 'zod', './tasks.mjs', 'parascope-other']) {
      expect(await hooks.resolve(specifier, context, next())).toEqual({ url: `next:${specifier}` });
    }
  });

  it('answer only the probes registered (every registration adds its own)', async () => {
    await hooks.initialize({ runtime: RUNTIME, probes: ['self'] });
    expect(await hooks.resolve('parascope/__probe__/self', context, next())).toEqual({
      url: RUNTIME,
      shortCircuit: true,
    });
    const n = next();
    await hooks.resolve('parascope/__probe__/typescript', context, n);
    expect(n).toHaveBeenCalled();
    await hooks.initialize({ runtime: RUNTIME, probes: ['typescript', 'self'] });
    expect(await hooks.resolve('parascope/__probe__/typescript', context, next())).toMatchObject({
      url: RUNTIME,
    });
    expect(await hooks.resolve('parascope/__probe__/self', context, next())).toMatchObject({ url: RUNTIME });
  });
});
