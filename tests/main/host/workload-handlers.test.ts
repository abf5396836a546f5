// The workload-file channels through the host façade, over fake services.
import { describe, expect, it } from 'vitest';
import { createHost, type HostDeps } from '../../../src/main/host/host';
import type { WorkloadInfo } from '../../../src/shared/scenarios';
import { FakeRecentFiles, FakeRunner, FakeSampler, FakeTopology, fakeTopology } from './fakes';

const FILE = '/home/me/race.ts';
const INFO: WorkloadInfo = {
  id: FILE,
  path: FILE,
  title: 'Race',
  purpose: 'Counts without a lock.',
  hasExpected: true,
  params: [
    { kind: 'bool', name: 'lock', label: 'Use the lock', default: false },
    { kind: 'enum', name: 'backend', label: 'Backend', options: ['process', 'thread'], default: 'process' },
  ],
};

function setup(extra: Partial<HostDeps> = {}) {
  const sessions = new FakeRunner();
  sessions.files.set(FILE, INFO);
  const recentFiles = new FakeRecentFiles();
  const lines: string[] = [];
  const host = createHost({
    shell: 'browser',
    version: '1',
    topology: new FakeTopology(fakeTopology()),
    sampler: new FakeSampler(),
    sessions,
    recentFiles,
    log: (line) => lines.push(line),
    ...extra,
  });
  return { host, sessions, recentFiles, lines };
}

describe('workload:open', () => {
  it('answers what the file declares and remembers it, newest first', async () => {
    const { host, recentFiles } = setup();
    recentFiles.files = ['/older.ts', FILE];
    expect(await host.invoke('workload:open', { path: FILE })).toEqual({ ok: true, value: INFO });
    expect(await host.invoke('workload:recent', null)).toEqual({ ok: true, value: [FILE, '/older.ts'] });
  });

  it('answers a path the runner refuses as invalid-payload naming it, remembering nothing', async () => {
    const { host, recentFiles } = setup();
    expect(await host.invoke('workload:open', { path: '/nope.ts' })).toEqual({
      ok: false,
      error: { code: 'invalid-payload', name: 'TypeError', message: 'no workload file at /nope.ts' },
    });
    expect(recentFiles.files).toEqual([]);
  });

  it("passes a file's own failure on as data, with its stack (file and line)", async () => {
    const { host, sessions } = setup();
    const data = {
      code: 'workload-error' as const,
      name: 'SyntaxError',
      message: 'syntax error at /home/me/bad.mjs:2: Unexpected token',
      stack: '/home/me/bad.mjs:2\n  return 1 +;\n           ^',
    };
    sessions.files.set('/home/me/bad.mjs', Object.assign(new Error(data.message), { data }));
    expect(await host.invoke('workload:open', { path: '/home/me/bad.mjs' })).toEqual({
      ok: false,
      error: data,
    });
    // …and the host carries on.
    expect((await host.invoke('workload:open', { path: FILE })).ok).toBe(true);
  });

  it('still opens the file when the recent list cannot be saved, and says so in the log', async () => {
    const { host, recentFiles, lines } = setup();
    recentFiles.failWith = new Error('EROFS: read-only file system');
    expect((await host.invoke('workload:open', { path: FILE })).ok).toBe(true);
    expect(lines).toEqual([`host: could not remember ${FILE}: EROFS: read-only file system`]);
  });

  it('opens at most two files at once: a third is busy until one is done', async () => {
    const { host, sessions } = setup();
    let release!: () => void;
    sessions.describeGate = new Promise<void>((resolve) => (release = resolve));
    const first = host.invoke('workload:open', { path: FILE });
    const second = host.invoke('workload:open', { path: FILE });
    const third = await host.invoke('workload:open', { path: FILE });
    expect(third).toMatchObject({ ok: false, error: { code: 'busy' } });
    release();
    expect((await first).ok && (await second).ok).toBe(true);
    expect((await host.invoke('workload:open', { path: FILE })).ok).toBe(true);
    expect(sessions.described).toEqual([FILE, FILE, FILE]);
  });
});

describe('session:start with a file', () => {
  it('starts the file with its params and reports it under its path', async () => {
    const { host, sessions } = setup();
    const started = await host.invoke('session:start', { file: FILE, params: { lock: true } });
    expect(started).toEqual({ ok: true, value: { sessionId: 's1' } });
    expect(sessions.sessions[0]!.scenario).toBe(FILE);
  });

  it("refuses a value the file's parameter does not take, naming it", async () => {
    const { host } = setup();
    expect(await host.invoke('session:start', { file: FILE, params: { backend: 'fork' } })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-payload',
        name: 'RangeError',
        message: 'parameter backend must be one of process, thread (got "fork")',
      },
    });
  });
});

describe('workload:pick', () => {
  it('says there is no dialog in a shell without one, and host:info says so too', async () => {
    const { host } = setup();
    expect(await host.invoke('workload:pick', null)).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('type the path') },
    });
    expect(await host.invoke('host:info', null)).toMatchObject({ ok: true, value: { filePicker: false } });
  });

  it("answers the dialog's choice, or null when cancelled", async () => {
    const answers: (string | null)[] = [FILE, null];
    const { host } = setup({ pickWorkloadFile: async () => answers.shift() ?? null });
    expect(await host.invoke('host:info', null)).toMatchObject({ ok: true, value: { filePicker: true } });
    expect(await host.invoke('workload:pick', null)).toEqual({ ok: true, value: { path: FILE } });
    expect(await host.invoke('workload:pick', null)).toEqual({ ok: true, value: { path: null } });
  });

  it('refuses a picker that is not a function', () => {
    expect(() => setup({ pickWorkloadFile: 'dialog' as never })).toThrow(
      new TypeError('host: deps.pickWorkloadFile must be a function'),
    );
  });
});
