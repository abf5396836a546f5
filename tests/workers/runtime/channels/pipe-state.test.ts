import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PipeRecvEvent, PipeSendEvent } from '../../../../src/shared/trace-schema';
import {
  BrokenPipeError,
  PipeClosedError,
  PipeTimeoutError,
} from '../../../../src/workers/runtime/channels/channel-errors';
import { PipeState } from '../../../../src/workers/runtime/channels/pipe-state';
import { newPrimitiveInfo } from '../../../../src/workers/runtime/context/identity';
import { call, caller, recordTrace, settle, track } from './helpers';

const left = caller(930001);
const right = caller(930002);
const third = caller(930003);

function pipe(duplex = true): PipeState {
  return new PipeState(newPrimitiveInfo('pipe', 'chan'), duplex);
}

describe('PipeState', () => {
  it('carries messages both ways, each way in order', async () => {
    const p = pipe();
    await call(p, 'send', [0, 'a'], left);
    await call(p, 'send', [0, { b: 2 }], left);
    await call(p, 'send', [1, 'reply'], right);
    expect(await call(p, 'recv', [1], right)).toBe('a');
    expect(await call(p, 'recv', [0], left)).toBe('reply');
    expect(await call(p, 'recv', [1], right)).toEqual({ b: 2 });
  });

  it('wakes a blocked recv with the next message, and poll answers whether recv would block', async () => {
    const p = pipe();
    expect(await call(p, 'poll', [1, 0], right)).toBe(false);
    expect(await call(p, 'poll', [1, 2], right)).toBe(false);
    const polled = track(call(p, 'poll', [1, null], third));
    const received = call(p, 'recv', [1], right);
    await call(p, 'send', [0, 42], left);
    await expect(received).resolves.toBe(42);
    await settle();
    expect(polled.state).toBe('pending');
    await call(p, 'send', [0, 43], left);
    await settle();
    expect(polled).toMatchObject({ state: 'resolved', value: true });
    expect(await call(p, 'poll', [1], right)).toBe(true);
  });

  it('sends only from end 1 and receives only at end 0 when one-way (reader, writer)', async () => {
    const p = pipe(false);
    await expect(call(p, 'send', [0, 'x'], left)).rejects.toThrow(/"end".*cannot send/);
    await expect(call(p, 'recv', [1], right)).rejects.toThrow(TypeError);
    await expect(call(p, 'poll', [1, 0], right)).rejects.toThrow(/cannot receive/);
    await call(p, 'send', [1, 'x'], right);
    expect(await call(p, 'recv', [0], left)).toBe('x');
  });

  it('times out a recv with PipeTimeoutError, and a later message is still delivered', async () => {
    const p = pipe();
    await expect(call(p, 'recv', [0, { timeoutMs: 0 }], left)).rejects.toThrow(PipeTimeoutError);
    await expect(call(p, 'recv', [0, { timeoutMs: 3 }], left)).rejects.toThrow(/within 3 ms/);
    await call(p, 'send', [1, 'late'], right);
    expect(await call(p, 'recv', [0], left)).toBe('late');
  });

  it('never lets a cancelled recv take a message', async () => {
    const p = pipe();
    const controller = new AbortController();
    const cancelled = track(call(p, 'recv', [0], left, controller.signal));
    controller.abort(new Error('gave up'));
    await settle();
    expect(cancelled.state).toBe('rejected');
    await call(p, 'send', [1, 'kept'], right);
    expect(await call(p, 'poll', [0, 0], left)).toBe(true);
    expect(await call(p, 'recv', [0], left)).toBe('kept');
  });

  it('rejects bad arguments with errors naming them', async () => {
    const p = pipe();
    await expect(call(p, 'send', [2, 'x'], left)).rejects.toThrow(/"end"/);
    await expect(call(p, 'recv', ['0'], left)).rejects.toThrow(TypeError);
    await expect(call(p, 'recv', [0, { timeoutMs: -5 }], left)).rejects.toThrow(/"timeout"/);
    await expect(call(p, 'poll', [0, NaN], left)).rejects.toThrow(RangeError);
    await expect(call(p, 'get', [0], left)).rejects.toThrow(/"op"/);
    expect(() => new PipeState(newPrimitiveInfo('queue'))).toThrow(/"info.kind"/);
  });
});

describe('PipeState end of file', () => {
  it('lets the peer read what was sent before close, then raises PipeClosedError', async () => {
    const p = pipe();
    await call(p, 'send', [0, 1], left);
    await call(p, 'close', [0], left);
    await call(p, 'close', [0], left);
    expect(await call(p, 'poll', [1, 0], right)).toBe(true);
    expect(await call(p, 'recv', [1], right)).toBe(1);
    expect(await call(p, 'poll', [1, 0], right)).toBe(true);
    await expect(call(p, 'recv', [1], right)).rejects.toThrow(PipeClosedError);
    await expect(call(p, 'recv', [1], right)).rejects.toThrow(/other end \(0\) is closed/);
  });

  it('fails a blocked recv when the other end closes', async () => {
    const p = pipe();
    const waiting = call(p, 'recv', [1], right);
    await call(p, 'close', [0], left);
    await expect(waiting).rejects.toThrow(PipeClosedError);
  });

  it('raises BrokenPipeError on send to a closed end, PipeClosedError on a closed end itself', async () => {
    const p = pipe();
    await call(p, 'close', [1], right);
    await expect(call(p, 'send', [0, 'x'], left)).rejects.toThrow(BrokenPipeError);
    await expect(call(p, 'send', [1, 'x'], right)).rejects.toThrow(
      /end 1: send\(\) failed: this end is closed/,
    );
    await expect(call(p, 'recv', [1], right)).rejects.toThrow(PipeClosedError);
  });

  it('fails a blocked recv when the last user of the other end dies, naming its pid', async () => {
    const p = pipe();
    await call(p, 'send', [1, 'hello'], right);
    expect(await call(p, 'recv', [0], left)).toBe('hello');
    const waiting = call(p, 'recv', [0], left);
    p.callerGone(right, { code: null, signal: 'SIGKILL' });
    await expect(waiting).rejects.toThrow(/pid 930002, was killed by SIGKILL/);
  });

  it('reads as closed after the other end user exits, until another context uses that end', async () => {
    const p = pipe();
    await call(p, 'send', [1, 'last words'], right);
    p.callerGone(right, { code: 0, signal: null });
    expect(await call(p, 'recv', [0], left)).toBe('last words');
    await expect(call(p, 'recv', [0], left)).rejects.toThrow(/pid 930002, exited/);
    await call(p, 'send', [1, 'new user'], third);
    const waiting = track(call(p, 'recv', [0], left));
    await settle();
    expect(waiting).toMatchObject({ state: 'resolved', value: 'new user' });
    const again = track(call(p, 'recv', [0], left));
    await settle();
    expect(again.state).toBe('pending');
    p.callerGone(left, { code: 0, signal: null });
    await settle();
    expect(again.state).toBe('rejected');
  });
});

describe('PipeState trace', () => {
  it('records sends and receives with the end and the caller as actor', async () => {
    const trace = recordTrace();
    const p = pipe();
    await call(p, 'send', [1, 'ping'], caller(930011, 2));
    await call(p, 'recv', [0], caller(930012));
    await expect(call(p, 'recv', [0, { timeoutMs: 0 }], caller(930012))).rejects.toThrow();
    const events = trace.events().filter((e) => 'objectId' in e && e.objectId === p.info.objectId);
    const [sent, got, failed] = events as [PipeSendEvent, PipeRecvEvent, PipeRecvEvent];
    expect(sent).toMatchObject({
      type: 'pipe-send',
      end: 1,
      item: '"ping"',
      pid: 930011,
      tid: 2,
      name: 'chan',
    });
    expect(got).toMatchObject({ type: 'pipe-recv', end: 0, ok: true, item: '"ping"', pid: 930012 });
    expect(failed).toMatchObject({ type: 'pipe-recv', end: 0, ok: false, error: 'timeout' });
  });
});

describe('PipeState against a model', () => {
  it('delivers each direction first in, first out, whatever the interleaving', async () => {
    const step = fc.oneof(fc.constant<'recv0'>('recv0'), fc.constant<'recv1'>('recv1'), fc.nat(1));
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (steps) => {
        const p = pipe();
        const inbox: [number[], number[]] = [[], []];
        for (const [i, s] of steps.entries()) {
          if (typeof s === 'number') {
            await call(p, 'send', [s, i], s === 0 ? left : right);
            inbox[1 - s].push(i);
            continue;
          }
          const end = s === 'recv0' ? 0 : 1;
          const expected = inbox[end].length > 0 ? inbox[end].shift() : 'PipeTimeoutError';
          const got = await call(p, 'recv', [end, { timeoutMs: 0 }], end === 0 ? left : right).catch(
            (e: Error) => e.name,
          );
          expect(got).toBe(expected);
        }
      }),
      { numRuns: 100 },
    );
  });
});
