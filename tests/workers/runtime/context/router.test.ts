import { describe, expect, it } from 'vitest';
import type { LinkMessage } from '../../../../src/shared/link-protocol';
import { newPrimitiveInfo, type PrimitiveInfo } from '../../../../src/workers/runtime/context/identity';
import { registerRemoteError } from '../../../../src/workers/runtime/context/remote-errors';
import { Router } from '../../../../src/workers/runtime/context/router';
import type { Caller, ContextExit, Served } from '../../../../src/workers/runtime/context/served';

class CustomError extends Error {
  override name = 'CustomError';
}
registerRemoteError('CustomError', (message) => new CustomError(message));

/** A served object that records what it was asked and can hold a call open until released. */
class Probe implements Served {
  readonly info: PrimitiveInfo;
  readonly calls: { op: string; args: readonly unknown[]; caller: string }[] = [];
  readonly gone: { address: string; exit: ContextExit }[] = [];
  readonly aborted: string[] = [];
  private readonly held: (() => void)[] = [];

  constructor(owner: string) {
    this.info = { ...newPrimitiveInfo('lock'), owner };
  }

  serve(op: string, args: readonly unknown[], caller: Caller, signal: AbortSignal): unknown {
    this.calls.push({ op, args, caller: caller.address });
    switch (op) {
      case 'echo':
        return args;
      case 'fail':
        throw new CustomError(`failed for ${caller.address}`);
      case 'range':
        throw new RangeError('bad "n"');
      case 'hold':
        return new Promise((resolve, reject) => {
          this.held.push(() => resolve('released'));
          signal.addEventListener('abort', () => {
            this.aborted.push(caller.address);
            reject(signal.reason);
          });
        });
      default:
        throw new TypeError(`unknown op ${op}`);
    }
  }

  releaseAll(): void {
    for (const release of this.held.splice(0)) release();
  }

  callerGone(caller: Caller, exit: ContextExit): void {
    this.gone.push({ address: caller.address, exit });
  }
}

/**
 * Connects `child` under `parent` with a link that clones every message and delivers it on a later
 * task, as a real channel does. Returns a function that cuts the link as if the child died.
 */
function connect(parent: Router, child: Router): (exit: ContextExit) => void {
  let alive = true;
  const port = parent.attachChild(child.address, (message: LinkMessage) => {
    const copy = structuredClone(message);
    setImmediate(() => alive && child.fromUplink(copy));
  });
  child.setUplink((message) => {
    const copy = structuredClone(message);
    setImmediate(() => alive && port.receive(copy));
  });
  return (exit) => {
    alive = false;
    port.exited(exit);
    child.uplinkClosed();
  };
}

describe('Router', () => {
  it('serves calls on objects it owns directly', async () => {
    const root = new Router('100.0');
    const probe = new Probe('100.0');
    root.own(probe);
    await expect(root.call({ owner: '100.0', id: probe.info.id }, 'echo', [1, 'a'])).resolves.toEqual([
      1,
      'a',
    ]);
    expect(probe.calls[0]?.caller).toBe('100.0');
  });

  it('routes a grandchild call up to the owner and the reply back down', async () => {
    const root = new Router('100.0');
    const mid = new Router('200.0');
    const leaf = new Router('300.0');
    connect(root, mid);
    connect(mid, leaf);
    const probe = new Probe('100.0');
    root.own(probe);
    const target = { owner: '100.0', id: probe.info.id };
    const results = await Promise.all([leaf.call(target, 'echo', [1]), mid.call(target, 'echo', [2])]);
    expect(results).toEqual([[1], [2]]);
    expect(probe.calls.map((c) => c.caller).sort()).toEqual(['200.0', '300.0']);
  });

  it('brings errors back as the same classes, with the message', async () => {
    const root = new Router('100.0');
    const leaf = new Router('300.0');
    connect(root, leaf);
    const probe = new Probe('100.0');
    root.own(probe);
    const target = { owner: '100.0', id: probe.info.id };
    const custom = await leaf.call(target, 'fail', []).catch((e: unknown) => e);
    expect(custom).toBeInstanceOf(CustomError);
    expect((custom as Error).message).toBe('failed for 300.0');
    await expect(leaf.call(target, 'range', [])).rejects.toBeInstanceOf(RangeError);
  });

  it('cancels a served call when the caller aborts, and rejects with the abort reason', async () => {
    const root = new Router('100.0');
    const leaf = new Router('300.0');
    connect(root, leaf);
    const probe = new Probe('100.0');
    root.own(probe);
    const controller = new AbortController();
    const call = leaf.call({ owner: '100.0', id: probe.info.id }, 'hold', [], controller.signal);
    await waitUntil(() => probe.calls.length === 1);
    const reason = new Error('changed my mind');
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
    expect(probe.aborted).toEqual(['300.0']);
  });

  it('aborts the calls of a child that dies, and tells owned objects about it and about its children', async () => {
    const root = new Router('100.0');
    const mid = new Router('200.0');
    const leaf = new Router('300.0');
    const cutMid = connect(root, mid);
    connect(mid, leaf);
    const probe = new Probe('100.0');
    root.own(probe);
    const pending = leaf.call({ owner: '100.0', id: probe.info.id }, 'hold', []);
    await waitUntil(() => probe.calls.length === 1);
    cutMid({ code: null, signal: 'SIGKILL' });
    expect(probe.aborted).toEqual(['300.0']);
    expect(probe.gone.map((g) => g.address)).toEqual(['200.0', '300.0']);
    expect(probe.gone[0]?.exit).toEqual({ code: null, signal: 'SIGKILL' });
    // The leaf's link was cut too in a real tree (its parent died); its call must not hang.
    leaf.uplinkClosed();
    await expect(pending).rejects.toThrow(/parent context is gone/);
  });

  it('passes context-exit news from a grandchild up to the owner', async () => {
    const root = new Router('100.0');
    const mid = new Router('200.0');
    const leaf = new Router('300.0');
    connect(root, mid);
    const cutLeaf = connect(mid, leaf);
    const probe = new Probe('100.0');
    root.own(probe);
    cutLeaf({ code: 3, signal: null });
    await waitUntil(() => probe.gone.length === 1);
    expect(probe.gone[0]).toEqual({ address: '300.0', exit: { code: 3, signal: null } });
  });

  it('refuses a call on an object owned by no ancestor, and one on an unknown id', async () => {
    const root = new Router('100.0');
    const leaf = new Router('300.0');
    connect(root, leaf);
    await expect(leaf.call({ owner: '999.0', id: 1 }, 'echo', [])).rejects.toThrow(
      /neither this one nor one of its ancestors/,
    );
    await expect(leaf.call({ owner: '100.0', id: 12345 }, 'echo', [])).rejects.toThrow(
      /No primitive 100.0\/12345/,
    );
    await expect(root.call({ owner: '999.0', id: 1 }, 'echo', [])).rejects.toThrow(/ancestors/);
  });

  it("performs a grandchild's run of one-way operations at the owner as the separate operations, and reports a failure to it", async () => {
    const root = new Router('100.0');
    const mid = new Router('200.0');
    connect(root, mid);
    const probe = new Probe('100.0');
    root.own(probe);
    const target = { owner: '100.0', id: probe.info.id };
    const down: LinkMessage[] = [];
    const leaf = mid.attachChild('300.0', (message) => down.push(structuredClone(message)));
    leaf.receive({
      type: 'prim-post-run',
      target,
      op: 'echo',
      caller: '300.0',
      values: [1, 'two', { three: 3 }],
    });
    leaf.receive({ type: 'prim-post-run', target, op: 'range', caller: '300.0', values: [4, 5] });
    await waitUntil(() => down.length > 0 && probe.calls.length === 5);
    expect(probe.calls).toEqual([
      { op: 'echo', args: [1], caller: '300.0' },
      { op: 'echo', args: ['two'], caller: '300.0' },
      { op: 'echo', args: [{ three: 3 }], caller: '300.0' },
      { op: 'range', args: [4], caller: '300.0' },
      { op: 'range', args: [5], caller: '300.0' },
    ]);
    const faults = down.flatMap((m) => (m.type === 'link-batch' ? m.messages : [m]));
    expect(faults[0]).toMatchObject({
      type: 'prim-fault',
      caller: '300.0',
      target,
      op: 'range',
      error: { name: 'RangeError' },
    });
  });

  it('fails a call whose arguments cannot be sent, without failing the others sent with it', async () => {
    const root = new Router('100.0');
    const leaf = new Router('300.0');
    connect(root, leaf);
    const probe = new Probe('100.0');
    root.own(probe);
    const target = { owner: '100.0', id: probe.info.id };
    const bad = leaf.call(target, 'echo', [() => 1]);
    const good = leaf.call(target, 'echo', ['fine']);
    await expect(bad).rejects.toThrow(/cannot be sent to the owner/);
    await expect(good).resolves.toEqual(['fine']);
  });
});

/** Resolves once `condition` holds, checking after each macrotask (messages here hop by setImmediate). */
async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
