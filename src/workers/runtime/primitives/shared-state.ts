/**
 * Shared-memory primitives in three modes (see base.ts): the owner creates the core and
 * registers it; a thread of the owner's process (or, for segment memory, any context that maps
 * the block) re-creates the core on the same memory; any other context reaches the owner.
 * {@link resolveCore} picks, for a revived wire form, the core to work on here, or null for
 * remote.
 */
import type { PrimitiveInfo } from '../context/identity';
import type { Served } from '../context/served';
import type { WireForm } from '../context/wire';
import { ownedState, type Mode } from './base';

/** A core class: re-creatable from shared memory in another thread of its process. */
export interface CoreClass<C extends Served> {
  fromShared(sab: SharedArrayBuffer, info: PrimitiveInfo): C;
  /** Re-creates it from a segment block (any context that can map it); null when this one cannot. */
  fromShm?(place: unknown, info: PrimitiveInfo): C | null;
  prototype: C;
}

/** Where a revived primitive's operations run, and on which core when they run here. */
export function resolveCore<C extends Served>(
  wire: WireForm,
  info: PrimitiveInfo,
  type: CoreClass<C>,
): { mode: Mode; core: C | null } {
  const owned = ownedState(wire, type);
  if (owned !== null) return { mode: 'owner', core: owned };
  if (wire.shm !== undefined && type.fromShm !== undefined) {
    const core = type.fromShm(wire.shm, info);
    // A context that cannot map the block (no addon, no access) reaches the owner instead.
    if (core !== null) return { mode: 'shared', core };
  }
  if (wire.sab !== undefined) return { mode: 'shared', core: type.fromShared(wire.sab, info) };
  return { mode: 'remote', core: null };
}
