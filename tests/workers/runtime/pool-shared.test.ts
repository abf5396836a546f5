import { describe, expect, it } from 'vitest';
import { task } from '../../../src/workers/runtime/index';
import { Lock } from '../../../src/workers/runtime/primitives/lock';
import { Queue } from '../../../src/workers/runtime/primitives/queue';
import { fixture, trackedPool } from './helpers';
import { BACKENDS } from './pool-helpers';

const shared = (name: string) => task(fixture('pool-shared-tasks.ts'), name);

describe.each(BACKENDS)('Pool with primitives (%s backend)', (backend) => {
  it('passes a Lock and a Queue in initargs: the lock excludes tasks on every worker', async () => {
    const lock = new Lock();
    const log = new Queue<[string, number]>();
    const pool = trackedPool({ processes: 2, backend, initializer: shared('keep'), initargs: [lock, log] });
    const items = [1, 2, 3, 4, 5, 6];
    expect(await pool.map(shared('critical'), items, 1)).toEqual(items);
    const entries: [string, number][] = [];
    for (let i = 0; i < items.length * 2; i++) entries.push(await log.get());
    // Under the lock, every enter is followed by its own exit.
    for (let i = 0; i < entries.length; i += 2) {
      expect(entries[i]![0]).toBe('enter');
      expect(entries[i + 1]).toEqual(['exit', entries[i]![1]]);
    }
    expect(entries.map(([, x]) => x).sort()).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]);
    expect(await lock.locked()).toBe(false);
  });

  it('passes a Queue as a task argument (starmap and apply)', async () => {
    const queue = new Queue<number>();
    const pool = trackedPool({ processes: 2, backend });
    await pool.starmap(shared('report'), [
      [queue, 2],
      [queue, 3],
    ]);
    await pool.apply(shared('report'), [queue, 4]);
    const got = [await queue.get(), await queue.get(), await queue.get()];
    expect(got.sort((a, b) => a - b)).toEqual([4, 9, 16]);
  });
});
