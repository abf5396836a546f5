import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { AsyncResult } from '../../../src/workers/runtime/async-result';
import {
  PoolCallbackError,
  ResultNotReadyError,
  TimeoutError,
} from '../../../src/workers/runtime/pool-errors';

/** An AsyncResult the test settles by hand. */
function manual<R>(callbacks = {}): {
  result: AsyncResult<R>;
  resolve: (value: R) => void;
  reject: (error: Error) => void;
} {
  let resolve!: (value: R) => void;
  let reject!: (error: Error) => void;
  const result = new AsyncResult<R>((res, rej) => {
    resolve = res;
    reject = rej;
  }, callbacks);
  return { result, resolve, reject };
}

describe('AsyncResult', () => {
  it('is not ready until settled; successful() refuses to answer before', async () => {
    const { result, resolve } = manual<number>();
    expect(result.ready()).toBe(false);
    expect(() => result.successful()).toThrow(ResultNotReadyError);
    const got = result.get();
    resolve(42);
    expect(await got).toBe(42);
    expect(result.ready()).toBe(true);
    expect(result.successful()).toBe(true);
  });

  it('get(timeout) rejects with a TimeoutError naming the timeout; a later get still gets the value', async () => {
    const { result, resolve } = manual<string>();
    const error = await result.get(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeout).toBe(1);
    expect(await result.wait(0)).toBe(false);
    resolve('late');
    expect(await result.get(0)).toBe('late');
    expect(await result.wait(0)).toBe(true);
  });

  it('keeps a failure for whoever asks, without an unhandled rejection', async () => {
    const { result, reject } = manual<number>();
    reject(new RangeError('nope'));
    expect(result.successful()).toBe(false);
    await expect(result.get()).rejects.toThrow(RangeError);
    await expect(result.get(10)).rejects.toThrow('nope');
  });

  it('treats a timeout too large for setTimeout as none, and validates it', async () => {
    const { result, resolve } = manual<number>();
    const waiting = result.wait(2 ** 40);
    resolve(1);
    expect(await waiting).toBe(true);
    await expect(result.get(-5)).rejects.toThrow(RangeError);
    await expect(result.get('1' as never)).rejects.toThrow(TypeError);
    await expect(result.wait(Number.NaN)).rejects.toThrow(/"timeout"/);
  });

  it('settles once; callbacks see the outcome before ready(), and their errors become warnings', async () => {
    const seen: string[] = [];
    const { result, resolve, reject } = manual<number>({
      callback: (v: number) => {
        seen.push(`ok ${v} ${result.ready()}`);
        throw new Error('bad callback');
      },
    });
    const warned = once(process, 'warning') as Promise<[PoolCallbackError]>;
    resolve(1);
    resolve(2);
    reject(new Error('ignored'));
    const [warning] = await warned;
    expect(warning).toBeInstanceOf(PoolCallbackError);
    expect(warning.cause).toBeInstanceOf(Error);
    expect(seen).toEqual(['ok 1 false']);
    expect(await result.get()).toBe(1);
  });
});
