/**
 * Primitives passed further down the tree (a grandchild, on either backend under either
 * backend), and Manager objects shared by children.
 */
import { describe, expect, it } from 'vitest';
import { Lock, Manager, Queue, Value } from '../../../../src/workers/runtime/index';
import { BACKENDS, joinAll, spawn, syncTarget } from './cross-helpers';

describe.each(BACKENDS)('a %s child passing a Value and its lock on', (backend) => {
  it.each(BACKENDS)(
    'to a %s grandchild: exact total under the lock; killed holding it, abandoned',
    async (grandchildBackend) => {
      const counter = new Value('i', 0);
      const lock = counter.getLock();
      const out = new Queue();
      const child = await spawn(backend, syncTarget('grandchildSteps'), [
        counter,
        25,
        out,
        grandchildBackend,
      ]);
      expect(await out.get()).toMatchObject({ abandoned: true, lockedAfter: true });
      await joinAll(child);
      expect(counter.value).toBe(50);
      expect(await lock.locked()).toBe(false);
    },
  );
});

describe('Manager dict and list shared by two process children', () => {
  it('both sign in under a lock: the list has both names, the dict their positions', async () => {
    await using manager = new Manager();
    const list = manager.list<string>();
    const dict = manager.dict<number>();
    const lock = new Lock();
    const children = await Promise.all(
      ['ada', 'grace'].map((name) => spawn('process', syncTarget('signIn'), [list, dict, lock, name])),
    );
    await joinAll(...children);
    const names = await list.slice();
    expect([...names].sort()).toEqual(['ada', 'grace']);
    expect(Object.fromEntries(await dict.entries())).toEqual({ [names[0]!]: 0, [names[1]!]: 1 });
  });
});
