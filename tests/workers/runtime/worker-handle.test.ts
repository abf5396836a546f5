import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FromWorker } from '../../../src/shared/worker-protocol';
import {
  resolveThreadEntry,
  resolveWorkerEntry,
  spawnWorker,
  type WorkerHandle,
} from '../../../src/workers/runtime/worker-handle';
import { fixture } from './helpers';

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

describe('resolveThreadEntry', () => {
  it('from source, bootstraps tsx inside the thread, then imports pool-thread-worker.ts', () => {
    const entry = resolveThreadEntry();
    expect(entry.eval).toBe(true);
    const main = new URL('../../../src/workers/runtime/pool-thread-worker.ts', import.meta.url);
    expect(existsSync(main)).toBe(true);
    expect(entry.filename).toContain(JSON.stringify(main.href));
    // Every module the bootstrap imports exists.
    const imported = [...entry.filename.matchAll(/import\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(imported).toHaveLength(3);
    for (const url of imported) expect(existsSync(new URL(url)), url).toBe(true);
  });

  it('from a build, runs pool-thread-worker.js beside the module directly', () => {
    const built = pathToFileURL('/opt/parascope/out/app/workers/runtime/worker-handle.js').href;
    expect(resolveThreadEntry(built)).toEqual({
      filename: '/opt/parascope/out/app/workers/runtime/pool-thread-worker.js',
      eval: false,
    });
  });
});

describe('spawnWorker', () => {
  /** Runs thread-tasks.ts `heapLimitMb` on a fresh worker; resolves with its answer and handle. */
  function heapLimit(backend: 'process' | 'thread', mb?: number) {
    return new Promise<{ limit: number; handle: WorkerHandle }>((resolve, reject) => {
      const handle = spawnWorker(
        backend,
        {
          type: 'init',
          workerId: 1,
          tracing: false,
          flushIntervalMs: 25,
          flushMaxEvents: 256,
          batchBelowUs: 0,
        },
        {
          onMessage(message: FromWorker) {
            if (message.type !== 'chunk-done') return;
            resolve({ limit: Number(message.values[0]), handle });
            handle.send({ type: 'shutdown' });
          },
          onExit: (code) => reject(new Error(`exited with ${code} before answering`)),
        },
        mb === undefined ? undefined : { resourceLimits: { maxOldGenerationSizeMb: mb } },
      );
      const task = { module: fixture('thread-tasks.ts'), name: 'heapLimitMb' };
      handle.send({ type: 'run', chunkId: 1, task, start: 0, args: [0] });
    });
  }

  it.each(['process', 'thread'] as const)(
    'starts a %s worker that applies resourceLimits.maxOldGenerationSizeMb to its heap',
    async (backend) => {
      const { limit, handle } = await heapLimit(backend, 48);
      expect(handle.backend).toBe(backend);
      if (backend === 'process') {
        expect(handle.pid).not.toBe(process.pid);
        expect(handle.threadId).toBe(0);
      } else {
        expect(handle.pid).toBe(process.pid);
        expect(handle.threadId).toBeGreaterThan(0);
      }
      // Old generation 48 MiB plus the young generation's few MiB.
      expect(limit).toBeGreaterThanOrEqual(48);
      expect(limit).toBeLessThan(128);
    },
  );
});
