/**
 * Pipes across real children (processes and threads): the notebook's round trip, duplex
 * ping-pong, end of file when the child's end is closed or its last user ended, and poll.
 */
import { describe, expect, it } from 'vitest';
import { Event, Pipe, PipeClosedError, Queue } from '../../../../src/workers/runtime/index';
import { BACKENDS, channelTarget, joinAll, spawn } from './cross-helpers';

describe.each(BACKENDS)('pipes across children (%s backend)', (backend) => {
  it("the notebook's round trip: the child sends a list and closes; the parent reads it, then EOF", async () => {
    const [parentConn, childConn] = Pipe();
    const child = await spawn(backend, channelTarget('sendAndClose'), [childConn]);
    expect(await parentConn.recv()).toEqual([42, null, 'hello']);
    await expect(parentConn.recv()).rejects.toBeInstanceOf(PipeClosedError);
    await joinAll(child);
  });

  it('duplex ping-pong: each number comes back as the next one', async () => {
    const [a, b] = Pipe<number | 'stop'>();
    const child = await spawn(backend, channelTarget('pingPong'), [b]);
    let n = 0;
    for (let round = 0; round < 20; round++) {
      await a.send(n);
      n = (await a.recv()) as number;
    }
    expect(n).toBe(20);
    await a.send('stop');
    await joinAll(child);
  });

  it('recv in the parent after the child ended without sending: PipeClosedError, not a hang', async () => {
    const [parentConn, childConn] = Pipe();
    const child = await spawn(backend, channelTarget('exitWithoutSending'), [childConn]);
    await joinAll(child);
    // The bound only turns a hang into a failure; end of file must come at once.
    await expect(parentConn.recv({ timeout: 5000 })).rejects.toBeInstanceOf(PipeClosedError);
  });

  it('a one-way pipe: the reader child sees EOF once the writer child ended without sending', async () => {
    const [reader, writer] = Pipe(false);
    const out = new Queue();
    const readerChild = await spawn(backend, channelTarget('recvUntilEof'), [reader, out]);
    const writerChild = await spawn(backend, channelTarget('exitWithoutSending'), [writer]);
    await joinAll(writerChild);
    expect(await out.get()).toMatchObject({ got: [], eof: true });
    await joinAll(readerChild);
  });

  it('poll(timeout) says whether a message is waiting, and poll(null) waits for one', async () => {
    const [a, b] = Pipe();
    const go = new Event();
    const child = await spawn(backend, channelTarget('sendWhenSet'), [b, go]);
    expect(await a.poll()).toBe(false);
    expect(await a.poll(10)).toBe(false);
    const polled = a.poll(null);
    await go.set();
    expect(await polled).toBe(true);
    expect(await a.recv()).toBe('late');
    await joinAll(child);
  });
});
