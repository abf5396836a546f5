import { describe, expect, it } from 'vitest';
import {
  TO_WIRE,
  WIRE_KEY,
  fromWire,
  notePrimitive,
  registerReviver,
  toWire,
  type Boundary,
  type WireForm,
} from '../../../../src/workers/runtime/context/wire';

/** A stand-in primitive: its wire form keeps the SAB only for threads. */
class Thing {
  readonly sab = new SharedArrayBuffer(8);
  constructor(readonly id: number) {
    notePrimitive();
  }
  [TO_WIRE](boundary: Boundary): WireForm {
    return {
      [WIRE_KEY]: 'event',
      owner: '1.0',
      id: this.id,
      name: `Thing-${this.id}`,
      ...(boundary === 'thread' ? { sab: this.sab } : {}),
    };
  }
}

class Revived {
  constructor(readonly wire: WireForm) {}
}
registerReviver('event', (wire) => new Revived(wire));

describe('wire forms', () => {
  it('returns data without primitives as the very same object', () => {
    const data = { a: [1, 2, { b: 'c' }], m: new Map([['k', 1]]) };
    expect(toWire(data, 'process')).toBe(data);
    expect(fromWire(data)).toBe(data);
  });

  it('replaces primitives nested in arrays, objects and maps, without touching the original', () => {
    const thing = new Thing(7);
    const data = { list: [1, thing], nested: { deep: [thing] }, map: new Map([['t', thing]]) };
    const wire = toWire(data, 'process');
    expect(data.list[1]).toBe(thing);
    expect(wire.list[1]).toEqual({ [WIRE_KEY]: 'event', owner: '1.0', id: 7, name: 'Thing-7' });
    const cloned = structuredClone(wire);
    const revived = fromWire(cloned);
    expect(revived.list[1]).toBeInstanceOf(Revived);
    expect((revived.nested.deep[0] as unknown as Revived).wire.id).toBe(7);
    expect(revived.map.get('t')).toBeInstanceOf(Revived);
  });

  it('keeps shared memory only on the way to a thread', () => {
    const thing = new Thing(1);
    expect((toWire([thing], 'thread')[0] as unknown as WireForm).sab).toBe(thing.sab);
    expect((toWire([thing], 'process')[0] as unknown as WireForm).sab).toBeUndefined();
  });

  it('survives cycles in user data', () => {
    const thing = new Thing(2);
    const data: Record<string, unknown> = { thing };
    data.self = data;
    const wire = toWire(data, 'process');
    expect((wire.thing as WireForm).id).toBe(2);
  });

  it('names the kind it cannot revive', () => {
    expect(() => fromWire([{ [WIRE_KEY]: 'barrier', owner: '1.0', id: 1, name: 'x' }])).toThrow(
      /kind "barrier"/,
    );
  });
});
