/**
 * Messages a backed-up frame socket holds: they leave as one frame, in order, and a producer's
 * consecutive puts travel as one `prim-post-run` that stands for exactly the puts it replaced.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LinkMessage, PrimPostMessage } from '../../../../src/shared/link-protocol';
import { FrameReader } from '../../../../src/workers/runtime/context/frames';
import { HeldFrames } from '../../../../src/workers/runtime/context/held-frames';

function post(value: unknown, caller = '200.0', id = 1, op = 'put', owner = '100.0'): PrimPostMessage {
  return { type: 'prim-post', target: { owner, id }, op, args: [value], caller };
}

/** What the receiving end hands on, frame by frame. */
function receive(frame: Buffer): LinkMessage[] {
  const got: LinkMessage[] = [];
  new FrameReader((message) => got.push(message as LinkMessage)).push(frame);
  return got;
}

/** Each run as the one-way operations it stands for. */
function expand(messages: LinkMessage[]): LinkMessage[] {
  return messages.flatMap((message) =>
    message.type === 'prim-post-run'
      ? message.values.map((value) =>
          post(value, message.caller, message.target.id, message.op, message.target.owner),
        )
      : [message],
  );
}

describe('HeldFrames', () => {
  it("sends a producer's consecutive puts as one run, in order", () => {
    const held = new HeldFrames();
    for (let i = 0; i < 5; i++) expect(held.add(post(i))).toBe(true);
    expect(held.size).toBe(5);
    const messages = receive(held.take()!);
    expect(messages).toEqual([
      {
        type: 'prim-post-run',
        target: { owner: '100.0', id: 1 },
        op: 'put',
        caller: '200.0',
        values: [0, 1, 2, 3, 4],
      },
    ]);
    expect(held.size).toBe(0);
    expect(held.take()).toBeNull();
  });

  it('breaks runs where the caller, primitive or operation changes, and keeps other messages in place', () => {
    const held = new HeldFrames();
    const reply: LinkMessage = { type: 'prim-cancel', callId: 7 };
    const sent: LinkMessage[] = [
      post('a'),
      post('b'),
      post(1, '201.0'),
      reply,
      post({ x: [1] }),
      post(2, '200.0', 2),
      post(3),
    ];
    for (const message of sent) expect(held.add(message)).toBe(true);
    const messages = receive(held.take()!);
    expect(messages.map((m) => m.type)).toEqual([
      'prim-post-run',
      'prim-post',
      'prim-cancel',
      'prim-post',
      'prim-post',
      'prim-post',
    ]);
    expect(expand(messages)).toEqual(sent);
  });

  it('refuses what JSON would change (it must go as a frame of its own)', () => {
    const held = new HeldFrames();
    expect(held.add(post(undefined))).toBe(false);
    expect(held.add(post(new Map()))).toBe(false);
    expect(held.add({ type: 'prim-cancel', callId: 1, extra: NaN })).toBe(false);
    expect(held.size).toBe(0);
  });

  it('gives back exactly the messages held, whatever their mix (property)', () => {
    const value = fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.dictionary(
        fc.string().filter((k) => k !== '__proto__'),
        fc.string(),
        { maxKeys: 3 },
      ),
    );
    const message = fc.oneof(
      fc
        .record({
          value,
          caller: fc.constantFrom('200.0', '201.0'),
          id: fc.constantFrom(1, 2),
          op: fc.constantFrom('put', 'set'),
        })
        .map(({ value, caller, id, op }) => post(value, caller, id, op) as LinkMessage),
      fc.nat().map((callId): LinkMessage => ({ type: 'prim-cancel', callId })),
    );
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 40 }), (sent) => {
        const held = new HeldFrames();
        for (const m of sent) held.add(m);
        expect(expand(receive(held.take()!))).toEqual(sent);
      }),
    );
  });
});
