// The session process of the *built* app (electron-vite's output, run by plain Node as Electron's
// Node would) running a user's workload outside the checkout: `parascope/runtime` resolves in
// the session process, pool processes and threads; `.ts` workloads and task modules load
// (tsx registered on demand); without tsx a `.ts` module fails with a clear error, never a hang.
import { spawn, fork } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FromSession, ToSession } from '../../src/shared/session-protocol';
import { userProject, type UserProject } from './runtime/self-resolve-helpers';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Builds the main side (`out/app`'s layout) into a fresh folder under os.tmpdir() (not out/,
 * which packaging reads), beside a package.json as the app's and a `node_modules` that is this
 * checkout's (the build's dependencies and tsx resolve as they do from out/app).
 */
async function buildMain(): Promise<{ app: string; dispose(): void }> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'parascope-build-')));
  const app = join(dir, 'app');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'parascope', type: 'module' }));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const config = join(dir, 'electron.vite.config.mts');
  writeFileSync(
    config,
    `import base from ${JSON.stringify(join(root, 'electron.vite.config.ts'))};\n` +
      `export default { main: { ...base.main, build: { ...base.main.build, outDir: ${JSON.stringify(app)} } } };\n`,
  );
  const child = spawn(join(root, 'node_modules', '.bin', 'electron-vite'), ['build', root, '-c', config], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`electron-vite build failed (${code}):\n${output}`);
  return { app, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs one request in the session process `entry` (plain Node, no flags) to its outcome. */
async function ask(entry: string, request: ToSession): Promise<FromSession> {
  const child = fork(entry, [], { serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk));
  child.stdout?.resume();
  const outcome = new Promise<FromSession>((resolve, reject) => {
    child.on('message', (m: FromSession) => {
      if (m.type !== 'trace') resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`session exited ${code} without an outcome:\n${stderr}`)));
  });
  child.send(request);
  return outcome;
}

const start = (module: string, backend: 'process' | 'thread'): ToSession => ({
  type: 'start',
  scenario: module,
  module,
  params: { backend },
  checkParams: true,
  tracing: false,
});

const RIGHT = { squares: [1, 4, 9, 16, 25, 36], counter: 6 };

let build: { app: string; dispose(): void };
let project: UserProject;
beforeAll(async () => {
  project = userProject();
  build = await buildMain();
}, 120_000);
afterAll(() => {
  project.dispose();
  build.dispose();
});

describe('the built session process, a workload outside the checkout', () => {
  const entry = (): string => join(build.app, 'workers', 'session-process.js');

  it.each([
    ['.mjs', 'process'],
    ['.mjs', 'thread'],
    ['.ts', 'process'],
    ['.ts', 'thread'],
  ] as const)('%s workload and tasks on %s workers: right, one runtime instance', async (ext, backend) => {
    const module = ext === '.mjs' ? project.workloadMjs : project.workloadTs;
    const outcome = await ask(entry(), start(module, backend));
    expect(outcome).toMatchObject({ type: 'done', summary: { result: RIGHT, ok: true, tasks: 6 } });
  });

  it('describes a .ts workload (Open workload…) without running it', async () => {
    const outcome = await ask(entry(), { type: 'describe', module: project.workloadTs });
    expect(outcome).toMatchObject({
      type: 'described',
      workload: { title: 'workload.ts', hasExpected: true, params: [{ name: 'backend' }] },
    });
  });
});

describe('a built app without tsx (packaged: electron-builder leaves it out)', () => {
  let copy: string;
  beforeAll(() => {
    // The build alone, as packed: its own package.json and dependencies, no tsx anywhere above.
    copy = realpathSync(mkdtempSync(join(tmpdir(), 'parascope-packed-')));
    cpSync(build.app, join(copy, 'app'), { recursive: true });
    writeFileSync(join(copy, 'package.json'), JSON.stringify({ name: 'parascope', type: 'module' }));
    mkdirSync(join(copy, 'node_modules'));
    symlinkSync(join(root, 'node_modules', 'zod'), join(copy, 'node_modules', 'zod'));
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));
  const entry = (): string => join(copy, 'app', 'workers', 'session-process.js');

  it('still runs a .mjs workload from anywhere', async () => {
    const outcome = await ask(entry(), start(project.workloadMjs, 'thread'));
    expect(outcome).toMatchObject({ type: 'done', summary: { result: RIGHT } });
  });

  it('fails a .ts workload with an error naming the file and what to do', async () => {
    const outcome = await ask(entry(), start(project.workloadTs, 'process'));
    expect(outcome.type).toBe('failed');
    const { error } = outcome as Extract<FromSession, { type: 'failed' }>;
    expect(error.message).toContain(`Cannot load the TypeScript module ${project.workloadTs}`);
    expect(error.message).toContain('Compile the module to JavaScript');
  });

  it.each(['process', 'thread'] as const)(
    'fails the call whose .ts task module cannot load (%s workers), as data',
    async (backend) => {
      const outcome = await ask(entry(), start(project.workloadMixed, backend));
      expect(outcome.type).toBe('failed');
      const { error } = outcome as Extract<FromSession, { type: 'failed' }>;
      expect(error.message).toContain(`Cannot load the TypeScript module ${project.tasksTs}`);
      expect(error.message).toContain('tsx did not load');
    },
  );
});
