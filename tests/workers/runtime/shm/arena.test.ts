/**
 * The segment arena: blocks that do not overlap, in segments any process can name, and wire
 * data that is checked before anything is mapped.
 */
import { describe, expect, it } from 'vitest';
import { allocateShm, attachShm } from '../../../../src/workers/runtime/shm/arena';

describe('segment arena', () => {
  it('hands out 8-aligned blocks that do not overlap, named by pid, fd, size, id and offset', () => {
    const a = allocateShm(12)!;
    const b = allocateShm(4)!;
    expect(a).not.toBeNull();
    expect(a.place).toMatchObject({ pid: process.pid, bytes: 1 << 20 });
    expect(a.place.id).toMatch(/^[0-9a-f]{16}$/);
    expect(b.place.fd).toBe(a.place.fd);
    expect(a.place.offset % 8).toBe(0);
    expect(b.place.offset).toBe(a.place.offset + 16);
    a.native.store(a.seg, a.place.offset + 8, -1);
    expect(b.native.load(b.seg, b.place.offset)).toBe(0);
  });

  it('gives a block larger than a segment a segment of its own', () => {
    const big = allocateShm((1 << 20) + 1)!;
    expect(big.place.offset).toBe(0);
    expect(big.place.bytes).toBe((1 << 20) + 4096);
    // The rest of its last page serves the next blocks: after the big one, never inside it.
    const next = allocateShm(8)!;
    expect(next.place.fd).toBe(big.place.fd);
    expect(next.place.offset).toBe((1 << 20) + 8);
  });

  it('maps a block from its wire data onto the same memory', () => {
    const block = allocateShm(8)!;
    const again = attachShm(JSON.parse(JSON.stringify(block.place)))!;
    again.native.store(again.seg, again.place.offset, 42);
    expect(block.native.load(block.seg, block.place.offset)).toBe(42);
  });

  it('refuses wire data that does not name a block: null, so the caller reaches the owner', () => {
    const { place } = allocateShm(8)!;
    for (const bad of [
      null,
      'x',
      { ...place, id: undefined },
      { ...place, offset: place.bytes },
      { ...place, pid: -1 },
      { ...place, fd: 1.5 },
      { ...place, bytes: '4096' },
    ]) {
      expect(attachShm(bad)).toBeNull();
    }
  });
});
