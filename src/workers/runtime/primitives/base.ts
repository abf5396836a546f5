/**
 * What every public primitive class shares: its name and identity, how it crosses to another
 * context (its wire form), and where its operations run. A primitive object is in one of three
 * modes:
 * - `owner`: this context created it; its state is here, registered with the router so other
 *   contexts can reach it.
 * - `shared`: a thread of the owner's process holding the same SharedArrayBuffer, or any context
 *   that mapped the same segment block; operations run here, directly on the shared memory.
 * - `remote`: anywhere else; every operation is a call routed to the owner.
 */
import type { PrimitiveAddress } from '../../../shared/link-protocol';
import type { PrimitiveKind } from '../../../shared/trace-schema';
import { newPrimitiveInfo, selfAddress, type PrimitiveInfo } from '../context/identity';
import { router } from '../context/router';
import type { ShmPlace } from '../shm/arena';
import type { Caller, Served } from '../context/served';
import {
  TO_WIRE,
  WIRE_KEY,
  notePrimitive,
  type Boundary,
  type Shareable,
  type WireForm,
} from '../context/wire';

const NEVER = new AbortController().signal;

/** Where a primitive's operations run (see module docs). */
export type Mode = 'owner' | 'shared' | 'remote';

/** The identity of a primitive revived from its wire form. */
export function infoFromWire(wire: WireForm): PrimitiveInfo {
  return Object.freeze({
    id: wire.id,
    owner: wire.owner,
    objectId: `${wire.owner}/${wire.id}`,
    kind: wire[WIRE_KEY],
    name: wire.name,
  });
}

/** A new identity for a primitive this context creates; validates the `name` option. */
export function ownInfo(kind: PrimitiveKind, name: unknown): PrimitiveInfo {
  if (name !== undefined && (typeof name !== 'string' || name.length === 0)) {
    throw new TypeError(`Invalid option "name": must be a non-empty string (got ${typeof name})`);
  }
  return newPrimitiveInfo(kind, name);
}

/**
 * The state this context owns for a wire form naming it (a primitive that came back home, e.g.
 * through a queue), or null.
 */
export function ownedState<T extends Served>(wire: WireForm, type: { prototype: T }): T | null {
  if (wire.owner !== selfAddress) return null;
  const served = router.local(wire.id);
  return served !== undefined && Object.prototype.isPrototypeOf.call(type.prototype, served)
    ? (served as T)
    : null;
}

/** Registers owner-side state with this context's router, so other contexts can reach it. */
export function serveFromHere(served: Served): void {
  router.own(served);
}

/** This context as the caller of its own operations. */
export function selfCaller(): Caller {
  return router.callerFor(selfAddress);
}

/** Base of every public primitive class. */
export abstract class Primitive implements Shareable {
  /** @internal Identity (owner, id, kind, name). */
  protected readonly info: PrimitiveInfo;
  /** @internal Where operations run. */
  protected readonly mode: Mode;
  /** @internal Shared memory, when the state lives in one. */
  protected readonly sab: SharedArrayBuffer | undefined;
  /** @internal The segment block, when the state lives in one (any process may map it). */
  protected readonly shm: ShmPlace | undefined;

  protected constructor(info: PrimitiveInfo, mode: Mode, sab?: SharedArrayBuffer, shm?: ShmPlace) {
    this.info = info;
    this.mode = mode;
    this.sab = sab;
    this.shm = shm;
    notePrimitive();
  }

  /** The name given at construction, or a generated one (`Lock-3`). */
  get name(): string {
    return this.info.name;
  }

  /** Unique within a session (`<owner address>/<n>`): the id trace events use. */
  get objectId(): string {
    return this.info.objectId;
  }

  /** @internal The primitive's wire form for a trip across `boundary`. */
  [TO_WIRE](boundary: Boundary): WireForm {
    const wire: WireForm = {
      [WIRE_KEY]: this.info.kind,
      owner: this.info.owner,
      id: this.info.id,
      name: this.info.name,
    };
    if (this.shm !== undefined) wire.shm = this.shm;
    else if (boundary === 'thread' && this.sab !== undefined) wire.sab = this.sab;
    const meta = this.wireMeta(boundary);
    if (meta !== undefined) wire.meta = meta;
    return wire;
  }

  /** Kind-specific data the revived copy needs (type code, parties, pipe end…). */
  protected wireMeta(_boundary: Boundary): Record<string, unknown> | undefined {
    return undefined;
  }

  /**
   * Performs `op` on `local` (this context's copy of the state: the owner's, or the router's
   * registered one) or, without one, at the owner. A synchronous throw becomes a rejection.
   */
  protected perform(
    local: Served | null,
    op: string,
    args: unknown[],
    signal?: AbortSignal,
  ): Promise<unknown> {
    if (local === null) return this.remote(op, args, signal);
    try {
      return Promise.resolve(local.serve(op, args, selfCaller(), signal ?? NEVER));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private address: PrimitiveAddress | undefined;

  /** Where the primitive lives, as link messages name it. */
  private get target(): PrimitiveAddress {
    return (this.address ??= { owner: this.info.owner, id: this.info.id });
  }

  /** Performs `op` at the owner (remote mode). */
  protected remote(op: string, args: unknown[], signal?: AbortSignal): Promise<unknown> {
    return router.call(this.target, op, args, signal);
  }

  /**
   * Performs `op` at the owner without waiting for it (remote mode): for an op whose only
   * possible outcome, but for a failure, is known here. The link's order makes the owner perform
   * it before this context's next operation; a failure rejects the next operation on this
   * primitive from this context (context/faults.ts). Resolves at once, or rejects with such an
   * earlier failure (then nothing is sent).
   */
  protected remoteOneWay(op: string, args: unknown[]): Promise<void> {
    try {
      router.post(this.target, op, args);
      return RESOLVED;
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

const RESOLVED = Promise.resolve();
