/**
 * The native sampler helper (native/proc-stat-sampler.c) driven by native-sampler.ts: the
 * contract every sample source meets, then what only a helper process does. The helper is
 * compiled for this run by the same script the build uses.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  findNativeSampler,
  NATIVE_SAMPLER_ENV,
  NATIVE_SAMPLER_NAME,
  startNativeSampler,
} from '../../../src/main/sampler/native-sampler';
import type { RawSample, SampleSourceOptions } from '../../../src/main/sampler/sample-source';
import { buildNativeHelper } from './native-helper-build';
import { sampleSourceContract } from './sample-source-contract';

const dir = mkdtempSync(join(tmpdir(), 'parascope-native-sampler-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(process.platform === 'linux')('the native sampler helper', () => {
  const binary = buildNativeHelper(dir);
  const start = (options: SampleSourceOptions) => startNativeSampler({ ...options, binary });

  sampleSourceContract('startNativeSampler', start, 'reads');

  it('samples the real /proc/stat and reports its own CPU time, which grows', async () => {
    const groups: RawSample[][] = [];
    let wake: () => void = () => {};
    const source = start({
      hz: 100,
      deliveryMs: 0,
      onSamples: (samples) => {
        groups.push(samples);
        wake();
      },
      onFailure: (error) => {
        throw error;
      },
    });
    while (groups.flat().length < 5) await new Promise<void>((resolve) => (wake = resolve));
    const cpu = source.helperCpuUs();
    source.stop();
    await source.exited;
    expect(groups.flat()[0]!.cpus.length).toBe(
      readFileSync('/proc/stat', 'latin1').match(/^cpu\d+ /gm)!.length,
    );
    expect(cpu).toBeGreaterThan(0);
  });

  it('fails once, with what the helper said, when it exits on its own', async () => {
    const impostor = join(dir, 'exits');
    writeFileSync(impostor, '#!/bin/sh\necho "E cannot read: Permission denied"\nexit 1\n');
    chmodSync(impostor, 0o755);
    const failures: Error[] = [];
    const source = startNativeSampler({
      binary: impostor,
      hz: 10,
      deliveryMs: 0,
      onSamples: () => {},
      onFailure: (error) => failures.push(error),
    });
    await source.exited;
    await new Promise((resolve) => setImmediate(resolve));
    expect(failures.map((e) => e.message)).toEqual([
      'cannot sample /proc/stat: cannot read: Permission denied',
    ]);
  });

  it('fails, naming the helper, when it cannot be started', async () => {
    const missing = join(dir, 'no-such-helper');
    let failure: Error | undefined;
    const source = startNativeSampler({
      binary: missing,
      hz: 10,
      deliveryMs: 0,
      onSamples: () => {},
      onFailure: (error) => (failure = error),
    });
    await source.exited;
    await new Promise((resolve) => setImmediate(resolve));
    expect(failure?.message).toMatch(/the sampler helper did not start .*ENOENT/);
  });

  it('rejects bad arguments with a usage line and status 2', () => {
    for (const args of [[], ['/proc/stat', '0', '0'], ['/proc/stat', '10', '-1'], ['/proc/stat', 'x', '0']]) {
      const run = spawnSync(binary, args, { encoding: 'utf8', input: '' });
      expect(run.status).toBe(2);
      expect(run.stdout).toMatch(/^E usage: parascope-sampler PATH/);
    }
  });

  it('ends when the process that started it dies, even by SIGKILL', async () => {
    // A host that starts the helper, says its pid, and waits to be killed.
    const host = spawn(
      process.execPath,
      [
        '-e',
        `const { spawn } = require('node:child_process');
         const helper = spawn(${JSON.stringify(binary)}, ['/proc/stat', '10', '0'], { stdio: ['pipe', 'ignore', 'ignore'] });
         console.log(helper.pid);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const pid = Number(
      await new Promise<string>((resolve) => host.stdout.once('data', (d: Buffer) => resolve(String(d)))),
    );
    expect(existsSync(`/proc/${pid}`)).toBe(true);
    host.kill('SIGKILL');
    await new Promise((resolve) => host.once('exit', resolve));
    // The kernel signals it as its parent dies (PR_SET_PDEATHSIG); it is reaped by init.
    const deadline = Date.now() + 5000;
    const gone = (): boolean =>
      !existsSync(`/proc/${pid}`) || /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
    while (!gone() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(gone()).toBe(true);
  });
});

describe('findNativeSampler', () => {
  it('takes the helper named by the environment, or none when it says off', () => {
    const helper = join(dir, 'named-helper');
    writeFileSync(helper, '#!/bin/sh\n');
    chmodSync(helper, 0o755);
    expect(findNativeSampler({ [NATIVE_SAMPLER_ENV]: helper })).toBe(helper);
    expect(findNativeSampler({ [NATIVE_SAMPLER_ENV]: 'off' })).toBeNull();
    expect(findNativeSampler({ [NATIVE_SAMPLER_ENV]: join(dir, 'absent') })).toBeNull();
  });

  it('finds out/native from a checkout and from the built tree, outside app.asar', () => {
    const tree = join(dir, 'tree');
    const out = join(tree, 'out', 'native');
    spawnSync('mkdir', [
      '-p',
      out,
      join(tree, 'src', 'main', 'sampler'),
      join(tree, 'out', 'app', 'main', 'sampler'),
    ]);
    writeFileSync(join(out, NATIVE_SAMPLER_NAME), '#!/bin/sh\n');
    chmodSync(join(out, NATIVE_SAMPLER_NAME), 0o755);
    const found = join(out, NATIVE_SAMPLER_NAME);
    expect(findNativeSampler({}, join(tree, 'src', 'main', 'sampler', 'native-sampler.ts'))).toBe(found);
    expect(findNativeSampler({}, join(tree, 'out', 'app', 'main', 'sampler', 'native-sampler.js'))).toBe(
      found,
    );
    // A packaged app: the module is read from app.asar, the helper runs from app.asar.unpacked.
    const unpacked = join(dir, 'app.asar.unpacked', 'out', 'native');
    spawnSync('mkdir', ['-p', unpacked]);
    writeFileSync(join(unpacked, NATIVE_SAMPLER_NAME), '#!/bin/sh\n');
    chmodSync(join(unpacked, NATIVE_SAMPLER_NAME), 0o755);
    expect(
      findNativeSampler({}, join(dir, 'app.asar', 'out', 'app', 'main', 'sampler', 'native-sampler.js')),
    ).toBe(join(unpacked, NATIVE_SAMPLER_NAME));
  });
});
