import { describe, expect, it } from 'vitest';
import { WaitList } from '../../../../src/workers/runtime/channels/wait-list';
import { caller, never, settle, track } from './helpers';

const ends = { onTimeout: () => 'timed out', onCancel: () => undefined };

describe('WaitList', () => {
  it('serves waiters first come, first served, each once', async () => {
    const list = new WaitList<string>();
    const a = track(list.wait(caller(960001), never, null, undefined, ends));
    const b = track(list.wait(caller(960002), never, null, undefined, ends));
    const first = list.first()!;
    first.resolve('one');
    first.resolve('again');
    list.first()!.resolve('two');
    await settle();
    expect([a.value, b.value]).toEqual(['one', 'two']);
    expect(list.size).toBe(0);
  });

  it('removes a waiter when it times out or is cancelled, before anyone can serve it', async () => {
    const list = new WaitList<string>();
    let cancelled = 0;
    const controller = new AbortController();
    const timedOut = list.wait(caller(960003), never, 1, undefined, ends);
    const aborted = track(
      list.wait(caller(960004), controller.signal, null, undefined, { ...ends, onCancel: () => cancelled++ }),
    );
    controller.abort(new Error('stop'));
    await expect(timedOut).resolves.toBe('timed out');
    await settle();
    expect(aborted.state).toBe('rejected');
    expect(cancelled).toBe(1);
    expect(list.size).toBe(0);
    expect(list.first()).toBeUndefined();
  });

  it('rejects at once on a signal that already aborted', async () => {
    const list = new WaitList<string>();
    const wait = list.wait(caller(960005), AbortSignal.abort(new Error('late')), null, undefined, ends);
    await expect(wait).rejects.toThrow('late');
    expect(list.size).toBe(0);
  });

  it('rejects with what onTimeout throws', async () => {
    const list = new WaitList<string>();
    const onTimeout = (): never => {
      throw new RangeError('nothing came');
    };
    await expect(list.wait(caller(960006), never, 0.5, undefined, { ...ends, onTimeout })).rejects.toThrow(
      'nothing came',
    );
  });

  it('serves, times out and fails a wait that has no signal', async () => {
    const list = new WaitList<string>();
    const served = track(list.wait(caller(960007), null, null, undefined, ends));
    const timedOut = list.wait(caller(960008), null, 0.5, undefined, ends);
    const failed = track(list.wait(caller(960009), null, null, undefined, ends));
    list.first()!.resolve('item');
    await expect(timedOut).resolves.toBe('timed out');
    list.first()!.reject(new Error('gone'));
    await settle();
    expect(served.value).toBe('item');
    expect(failed.state).toBe('rejected');
    expect(list.size).toBe(0);
  });
});
