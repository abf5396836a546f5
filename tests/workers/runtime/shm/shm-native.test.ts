/**
 * The shared-memory addon (src/workers/runtime/shm/native/shm.c) on its own, across real child
 * processes and a real worker thread: what lock-core and value-core rely on (segments shared
 * across processes, no lost update under a futex lock, wait/notify, argument checks, cells).
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CELL_KIND, type CellKind, type ShmNative } from '../../../../src/workers/runtime/shm/shm-native';
import { buildShmNative, type BuiltShm } from './shm-native-build';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'shm');
type Message = { op: string; [key: string]: unknown };

/** Resolves on the next message `op` from a child or worker; rejects if it fails or ends first. */
function next(from: ChildProcess | Worker, op: string): Promise<Message> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Message): void => {
      if (m.op === 'error') reject(new Error(String(m.message)));
      else if (m.op === op) resolve(m);
      else return;
      from.off('message', onMessage);
      from.off('exit', onExit);
    };
    const onExit = (code: number | null): void => reject(new Error(`exited (${code}) before "${op}"`));
    from.on('message', onMessage);
    from.once('exit', onExit);
  });
}

/** Notifies `off` until a waiter wakes (it may not be in the futex yet); bounded, never sleeps. */
async function notifyOne(shm: ShmNative, seg: number, off: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (shm.notify(seg, off, 1) === 0) {
    if (Date.now() > deadline) throw new Error('no waiter ever came');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', resolve));

describe.runIf(process.platform === 'linux')('the shm addon', () => {
  const built: BuiltShm = buildShmNative();
  const { shm } = built;
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill();
    built.dispose();
  });

  async function child(): Promise<ChildProcess> {
    const c = fork(join(fixtures, 'shm-child.mjs'), [built.file], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(c);
    await next(c, 'ready');
    return c;
  }

  it('shares a zero-filled segment with another process, which attaches it by pid and fd', async () => {
    const { seg, fd } = shm.create(4096);
    expect(shm.load(seg, 4092)).toBe(0);
    shm.store(seg, 8, 42);
    const c = await child();
    c.send({ op: 'attach', pid: process.pid, fd, bytes: 4096, read: 8 });
    expect((await next(c, 'attached')).value).toBe(42);
    // Attaching again, here or there, gives the same handle.
    expect(shm.attach(process.pid, fd, 4096)).toBe(seg);
  });

  it('loses no update when two processes increment a plain cell under a futex lock', async () => {
    const { seg, fd } = shm.create(64);
    // Enough for the two loops to overlap: without the lock, about a quarter of the updates are lost.
    const n = 100_000;
    const [a, b] = await Promise.all([child(), child()]);
    for (const c of [a!, b!]) {
      c.send({ op: 'attach', pid: process.pid, fd, bytes: 64 });
      await next(c, 'attached');
    }
    const done = Promise.all([next(a!, 'counted'), next(b!, 'counted')]);
    for (const c of [a!, b!]) c.send({ op: 'count', n, lockOff: 0, cellOff: 8 });
    await done;
    expect(shm.getCell(seg, 8, CELL_KIND.i32)).toBe(2 * n);
    expect(shm.load(seg, 0)).toBe(0);
  });

  it('maps a segment as an ArrayBuffer on which Atomics in two processes lose no update', async () => {
    const { seg, fd } = shm.create(64);
    const buffer = shm.buffer(seg)!;
    expect(buffer.byteLength).toBe(64);
    new Int32Array(buffer)[3] = 11;
    expect(shm.load(seg, 12)).toBe(11);
    const n = 200_000;
    const [a, b] = await Promise.all([child(), child()]);
    for (const c of [a!, b!]) {
      c.send({ op: 'attach', pid: process.pid, fd, bytes: 64 });
      await next(c, 'attached');
    }
    const done = Promise.all([next(a!, 'added'), next(b!, 'added')]);
    for (const c of [a!, b!]) c.send({ op: 'atomics', n, index: 4 });
    await done;
    expect(Atomics.load(new Int32Array(buffer), 4)).toBe(2 * n);
  });

  it('wakes a wait in another process, whose pending wait alone kept it alive until then', async () => {
    const { seg, fd } = shm.create(64);
    const c = await child();
    c.send({ op: 'attach', pid: process.pid, fd, bytes: 64 });
    await next(c, 'attached');
    const disconnected = new Promise((resolve) => c.once('disconnect', resolve));
    c.send({ op: 'wait', off: 4, expected: 0, timeoutMs: 60_000 });
    await disconnected;
    let notified = false;
    const exit = exited(c).then((code) => ({ code, notified }));
    await notifyOne(shm, seg, 4);
    notified = true;
    // 10 + the result the child's `done` got: 0, woken.
    expect(await exit).toEqual({ code: 10, notified: true });
  });

  it('answers a wait with 1 when the word differs, 2 when it times out, 0 when notified', async () => {
    const { seg } = shm.create(64);
    const wait = (expected: number, ms: number) =>
      new Promise<number>((resolve) => shm.wait(seg, 0, expected, ms, resolve));
    shm.store(seg, 0, 7);
    expect(await wait(6, 60_000)).toBe(1);
    expect(await wait(7, 0)).toBe(2);
    expect(await wait(7, 5)).toBe(2);
    const woken = wait(7, 60_000);
    await notifyOne(shm, seg, 0);
    expect(await woken).toBe(0);
    expect(shm.notify(seg, 0, Infinity)).toBe(0);
  });

  it('raises what a wait callback throws as an uncaught exception', () => {
    const script =
      'const shm = require(process.argv[1]); const { seg } = shm.create(8);' +
      'process.on("uncaughtException", (e) => { process.stdout.write(e.message); process.exitCode = 3; });' +
      'shm.wait(seg, 0, 0, 0, (r) => { throw new Error("done threw " + r); });';
    const run = spawnSync(process.execPath, ['-e', script, built.file], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 3, stdout: 'done threw 2' });
  });

  it('refuses to attach what it cannot map, saying which file and why', async () => {
    const { fd } = shm.create(4096);
    const c = await child();
    expect(() => shm.attach(c.pid!, 999_999, 4)).toThrow(
      new Error(`parascope-shm: cannot open /proc/${c.pid}/fd/999999: No such file or directory`),
    );
    expect(() => shm.attach(process.pid, 999_999, 4)).toThrow(
      /no segment was created in this process with fd 999999/,
    );
    c.send({ op: 'attach-bad', pid: process.pid, fd, bytes: 8192 });
    expect((await next(c, 'attached-bad')).error).toEqual({
      name: 'Error',
      message: `parascope-shm: cannot map /proc/${process.pid}/fd/${fd}: it holds 4096 bytes, 8192 wanted`,
    });
    c.kill();
    await exited(c);
    expect(() => shm.attach(c.pid!, 3, 4)).toThrow(`cannot open /proc/${c.pid}/fd/3`);
  });

  it('throws a TypeError or RangeError naming the argument for every bad handle, offset or value', () => {
    const { seg } = shm.create(64);
    const cases: [() => unknown, typeof TypeError | typeof RangeError, string][] = [
      [() => shm.create(0), RangeError, 'bytes'],
      [() => shm.create('64' as unknown as number), TypeError, 'bytes'],
      [() => shm.load(0, 0), RangeError, 'seg'],
      [() => shm.load(seg + 1000, 0), RangeError, 'seg'],
      [() => shm.load('1' as unknown as number, 0), TypeError, 'seg'],
      [() => shm.load(seg, 2), RangeError, 'off'],
      [() => shm.load(seg, 64), RangeError, 'off'],
      [() => shm.load(seg, -4), RangeError, 'off'],
      [() => shm.load(seg, 0.5), RangeError, 'off'],
      [() => shm.store(seg, 0, 2 ** 32), RangeError, 'value'],
      [() => shm.store(seg, 0, 1.5), RangeError, 'value'],
      [() => shm.cas(seg, 0, undefined as unknown as number, 1), TypeError, 'expected'],
      [() => shm.add(seg, 0, NaN), RangeError, 'delta'],
      [() => shm.notify(seg, 0, -1), RangeError, 'count'],
      [() => shm.wait(seg, 0, 0, Infinity, () => {}), RangeError, 'timeoutMs'],
      [() => shm.wait(seg, 0, 0, -1, () => {}), RangeError, 'timeoutMs'],
      [() => shm.wait(seg, 0, 0, 1, null as unknown as () => void), TypeError, 'done'],
      [() => shm.getCell(seg, 0, 10 as CellKind), RangeError, 'kind'],
      [() => shm.getCell(seg, 60, CELL_KIND.f64), RangeError, 'off'],
      [() => shm.getCell(seg, 4, CELL_KIND.i64), RangeError, 'off'],
      [() => shm.setCell(seg, 1, CELL_KIND.i16, 1), RangeError, 'off'],
      [() => shm.setCell(seg, 0, CELL_KIND.i64, 1), TypeError, 'value'],
      [() => shm.setCell(seg, 0, CELL_KIND.f64, 1n), TypeError, 'value'],
      [() => shm.alive(0), RangeError, 'tid'],
      [() => shm.buffer(0), RangeError, 'seg'],
    ];
    // The message says what is allowed and what came, printed as JS prints numbers.
    expect(() => shm.getCell(seg, 0.1, CELL_KIND.u8)).toThrow(
      'Invalid argument "off": must be an integer from 0 to 63 (got 0.1)',
    );
    for (const [call, type, name] of cases) {
      expect(call, String(call)).toThrow(type);
      expect(call, String(call)).toThrow(`Invalid argument "${name}"`);
    }
  });

  it('reads back every cell kind as the matching typed array would store it', () => {
    const { seg } = shm.create(256);
    const arrays = [
      Int8Array,
      Uint8Array,
      Int16Array,
      Uint16Array,
      Int32Array,
      Uint32Array,
      Float32Array,
      Float64Array,
    ];
    for (const [kind, Array] of arrays.entries()) {
      const size = Array.BYTES_PER_ELEMENT;
      fc.assert(
        fc.property(fc.oneof(fc.double(), fc.integer()), fc.nat(256 / size - 1), (value, slot) => {
          shm.setCell(seg, slot * size, kind as CellKind, value);
          expect(shm.getCell(seg, slot * size, kind as CellKind)).toBe(new Array([value])[0]);
        }),
      );
    }
    for (const [kind, Array] of [
      [CELL_KIND.i64, BigInt64Array],
      [CELL_KIND.u64, BigUint64Array],
    ] as const) {
      fc.assert(
        fc.property(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), fc.nat(31), (value, slot) => {
          shm.setCell(seg, slot * 8, kind, value);
          expect(shm.getCell(seg, slot * 8, kind)).toBe(new Array([value])[0]);
        }),
      );
    }
  });

  it('shares segments with a worker thread, which has its own tid, dead once the thread has ended', async () => {
    const { seg, fd } = shm.create(64);
    shm.store(seg, 0, 5);
    const worker = new Worker(join(fixtures, 'shm-thread.mjs'), {
      workerData: { addon: built.file, fd, bytes: 64 },
    });
    const ready = await next(worker, 'ready');
    // One table per process: the thread's attach of this process's segment is the same handle.
    expect(ready).toMatchObject({ seg, value: 5 });
    expect(ready.tid).not.toBe(shm.tid());
    expect(shm.alive(ready.tid as number)).toBe(true);
    worker.postMessage({ op: 'store', off: 4, value: -9 });
    await next(worker, 'stored');
    expect(shm.load(seg, 4)).toBe(-9);
    worker.postMessage({ op: 'exit' });
    await new Promise((resolve) => worker.once('exit', resolve));
    // The thread is joined; the kernel may take a moment more to forget its tid.
    const deadline = Date.now() + 10_000;
    while (shm.alive(ready.tid as number) && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    expect(shm.alive(ready.tid as number)).toBe(false);
  });

  it('survives a worker thread ended while its wait is pending, then woken', async () => {
    const { seg, fd } = shm.create(64);
    const worker = new Worker(join(fixtures, 'shm-thread.mjs'), {
      workerData: { addon: built.file, fd, bytes: 64 },
    });
    await next(worker, 'ready');
    worker.postMessage({ op: 'wait', off: 8, expected: 0, timeoutMs: 60_000 });
    await next(worker, 'waiting');
    await worker.terminate();
    // Its native thread still waits; waking it must not call into the torn-down thread.
    await notifyOne(shm, seg, 8);
    const woken = new Promise<number>((resolve) => shm.wait(seg, 8, 0, 60_000, resolve));
    await notifyOne(shm, seg, 8);
    expect(await woken).toBe(0);
  });
});
