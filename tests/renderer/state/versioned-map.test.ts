import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VersionedMap } from '../../../src/renderer/state/versioned-map';

/** Plain contents of a map, in iteration order. */
const contents = (map: ReadonlyMap<string, number>): [string, number][] => [...map];

describe('VersionedMap', () => {
  it('reads like a Map: get, has, size, iteration in first-insertion order', () => {
    const editor = VersionedMap.empty<string, number>().edit();
    editor.set('b', 1);
    editor.set('a', 2);
    editor.set('b', 3);
    const map = editor.commit();
    expect(map.get('b')).toBe(3);
    expect(map.has('a')).toBe(true);
    expect(map.has('z')).toBe(false);
    expect(map.size).toBe(2);
    expect(contents(map)).toEqual([
      ['b', 3],
      ['a', 2],
    ]);
    expect([...map.keys()]).toEqual(['b', 'a']);
    expect([...map.values()]).toEqual([3, 2]);
    const seen: string[] = [];
    map.forEach((v, k) => seen.push(`${k}=${v}`));
    expect(seen).toEqual(['b=3', 'a=2']);
  });

  it('leaves earlier versions as they were, and returns the same version for an empty edit', () => {
    const v1 = VersionedMap.from(new Map([['x', 1]]));
    const e = v1.edit();
    e.set('x', 2);
    e.set('y', 3);
    const v2 = e.commit();
    expect(contents(v1)).toEqual([['x', 1]]);
    expect(contents(v2)).toEqual([
      ['x', 2],
      ['y', 3],
    ]);
    expect(v2.edit().commit()).toBe(v2);
  });

  it('an edit reads its own writes', () => {
    const e = VersionedMap.from(new Map([['x', 1]])).edit();
    expect(e.get('x')).toBe(1);
    e.set('x', 5);
    expect(e.get('x')).toBe(5);
  });

  it('editing an old version twice (branching) never leaks writes between branches', () => {
    // Model: every version is checked against a plain Map built the obvious way.
    const op = fc.record({
      from: fc.nat(),
      sets: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.integer()), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const versions: VersionedMap<string, number>[] = [VersionedMap.empty()];
        const models: Map<string, number>[] = [new Map()];
        for (const { from, sets } of ops) {
          const i = from % versions.length;
          const editor = versions[i]!.edit();
          const model = new Map(models[i]);
          for (const [k, v] of sets) {
            editor.set(k, v);
            model.set(k, v);
          }
          versions.push(editor.commit());
          models.push(model);
        }
        versions.forEach((version, i) => {
          expect(contents(version)).toEqual([...models[i]!]);
          expect(version.size).toBe(models[i]!.size);
        });
      }),
    );
  });
});
