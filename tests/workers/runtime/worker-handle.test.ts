import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveWorkerEntry } from '../../../src/workers/runtime/worker-handle';

describe('resolveWorkerEntry', () => {
  it('from source, finds pool-worker.ts beside the module and forks it with the tsx loader', () => {
    const entry = resolveWorkerEntry();
    expect(entry.path).toBe(
      fileURLToPath(new URL('../../../src/workers/runtime/pool-worker.ts', import.meta.url)),
    );
    expect(existsSync(entry.path)).toBe(true);
    expect(entry.execArgv[0]).toBe('--import');
    expect(existsSync(fileURLToPath(entry.execArgv[1]!))).toBe(true);
  });

  it('from a build, finds pool-worker.js beside the module and needs no loader', () => {
    const built = pathToFileURL('/opt/parascope/out/app/workers/runtime/worker-handle.js').href;
    expect(resolveWorkerEntry(built)).toEqual({
      path: '/opt/parascope/out/app/workers/runtime/pool-worker.js',
      execArgv: [],
    });
  });
});
