// A user's task modules outside this checkout import `parascope/runtime`: pool workers and
// Process children (processes and threads) load them, sharing one instance of the runtime.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lock, Process, Value, task } from '../../../src/workers/runtime/index';
import {
  isOwnModule,
  isTypeScriptModule,
  runsAsCommonJs,
  runtimeEntryUrl,
} from '../../../src/workers/runtime/self-resolve';
import { fixture, trackedPool } from './helpers';
import { BACKENDS } from './pool-helpers';
import { userProject, type UserProject } from './self-resolve-helpers';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const runtimeDir = join(root, 'src', 'workers', 'runtime');

let project: UserProject;
beforeAll(() => {
  project = userProject();
});
afterAll(() => project.dispose());

describe('runtimeEntryUrl', () => {
  it("is the runtime's index beside the running module: .ts from source, .js built", () => {
    expect(runtimeEntryUrl()).toBe(pathToFileURL(join(runtimeDir, 'index.ts')).href);
    const built = pathToFileURL('/opt/parascope/out/app/workers/runtime/self-resolve.js').href;
    expect(runtimeEntryUrl(built)).toBe('file:///opt/parascope/out/app/workers/runtime/index.js');
  });
});

describe('which modules need what', () => {
  it("registers nothing for the runtime's own modules (built-in scenarios), only for the user's", () => {
    expect(isOwnModule(pathToFileURL(join(root, 'src', 'scenarios', 'pool-map.ts')).href)).toBe(true);
    expect(isOwnModule(pathToFileURL(fixture('math.mjs')).href)).toBe(false);
    expect(isOwnModule(pathToFileURL(project.tasksMjs).href)).toBe(false);
  });

  it('knows TypeScript by the extension', () => {
    expect(['a.ts', 'a.mts', 'a.cts', 'file:///a%20b/c.ts'].map(isTypeScriptModule)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['a.js', 'a.mjs', 'a.cjs', 'a.tsx'].map(isTypeScriptModule)).toEqual([false, false, false, false]);
  });

  it('knows what runs as CommonJS (and needs the runtime for require) as Node and tsx do', () => {
    // No package.json above the user's temp project: .ts and .js are CommonJS there.
    expect(runsAsCommonJs(project.tasksTs)).toBe(true);
    expect(runsAsCommonJs(pathToFileURL(project.workloadTs).href)).toBe(true);
    expect(runsAsCommonJs(project.tasksMjs)).toBe(false);
    expect(runsAsCommonJs(project.tasksEsmTs)).toBe(false);
    // This checkout is "type": "module".
    expect(runsAsCommonJs(fixture('math.ts'))).toBe(false);
    expect(runsAsCommonJs(fixture('math.cjs'))).toBe(true);
    expect(runsAsCommonJs('/anywhere/a.cts')).toBe(true);
    expect(runsAsCommonJs('/anywhere/a.mts')).toBe(false);
  });
});

describe.each(BACKENDS)('a user task module outside the checkout (%s backend)', (backend) => {
  it.each([
    ['.mjs (ES module)', () => project.tasksMjs],
    ['.ts compiled to CommonJS (require)', () => project.tasksTs],
    ['.ts in a "type": "module" package', () => project.tasksEsmTs],
  ])('%s imports parascope/runtime and shares its instance: Value and Lock work', async (_kind, file) => {
    const counter = new Value('i', 0);
    const lock = new Lock();
    const pool = trackedPool({
      processes: 2,
      backend,
      // `init` throws unless the revived Value and Lock are instances of the classes it imported.
      initializer: task(file(), 'init'),
      initargs: [counter, lock],
    });
    const squares = await pool.map(task(file(), 'bump'), [1, 2, 3, 4, 5, 6], { chunksize: 1 });
    expect(squares).toEqual([1, 4, 9, 16, 25, 36]);
    expect(await counter.get()).toBe(6);
  });

  it('is the target of a Process, which adds under the lock', async () => {
    const counter = new Value('i', 0);
    const lock = new Lock();
    const child = new Process({
      target: task(project.tasksMjs, 'child'),
      args: [counter, lock, 3],
      backend,
    });
    await child.start();
    await child.join();
    expect(child.exitCode).toBe(0);
    expect(await counter.get()).toBe(3);
  });
});

describe('module hooks and worker threads (Node)', () => {
  it("a plain worker thread does not see its main thread's hooks on Node 20: each thread registers its own", async () => {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--import',
      tsx,
      fixture('self-resolve-inherit.ts'),
    ]);
    const seen = JSON.parse(stdout) as { main: boolean; thread: boolean };
    expect(seen.main).toBe(true);
    // Node 22.2+ shares one hooks thread between workers; there the probe makes a thread skip
    // registering again (self-resolve.ts). The pool thread tests above pass either way.
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    expect(seen.thread).toBe(major > 22 || (major === 22 && minor >= 2));
  });
});
