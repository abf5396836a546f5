/**
 * What crosses to and from a worker, and how cheaply. Workers receive messages by structured
 * clone; a function or symbol found only when a chunk is sent would fail halfway through a map,
 * after other chunks already ran, so arguments are checked first and the caller's mistake is a
 * plain TypeError. Lists made only of numbers travel as a Float64Array instead: structured
 * clone copies that as one block of memory, where an array costs it tens of nanoseconds per
 * element and, on the receiving side, a heap object per non-integer or large number.
 */
import { serialize } from 'node:v8';
import { unsendableValue } from './pool-errors';

/**
 * Where values go: a process worker receives them through V8's serializer (the IPC channel's
 * 'advanced' serialization), a thread through structured clone. They differ: a thread can share
 * a SharedArrayBuffer, a process cannot receive one.
 */
export type Destination = 'process' | 'thread';

/** Throws what the channel to `to` would throw for `value`. */
function tryClone(value: unknown, to: Destination): void {
  if (to === 'thread') structuredClone(value);
  else serialize(value);
}

function cloneProblem(value: unknown, to: Destination): string | null {
  switch (typeof value) {
    case 'number':
    case 'string':
    case 'boolean':
    case 'undefined':
    case 'bigint':
      return null;
    case 'function':
      return 'functions cannot be cloned';
    case 'symbol':
      return 'symbols cannot be cloned';
    default:
      if (value === null) return null;
      // Cloning is the only exact test of what the channel accepts.
      try {
        tryClone(value, to);
        return null;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
  }
}

/** What {@link inspectItems} found: every item a number, or anything else that can be cloned. */
export type ItemKind = 'numbers' | 'cloneable';

/**
 * Throws a TypeError naming the first item of `items` that structured clone cannot carry (as
 * `<name>[i]`), and says whether every item is a number. One cheap pass over the items: objects
 * are cloned once, all together, and walked one by one only to find the culprit when that fails.
 */
export function inspectItems(
  items: readonly unknown[],
  name = 'items',
  to: Destination = 'process',
): ItemKind {
  let numbers = true;
  let objects = false;
  let suspect = false;
  for (let i = 0; i < items.length; i++) {
    const type = typeof items[i];
    if (type === 'number') continue;
    numbers = false;
    if (type === 'object') objects ||= items[i] !== null;
    else if (type === 'function' || type === 'symbol') suspect = true;
  }
  if (numbers) return 'numbers';
  if (!suspect && !objects) return 'cloneable';
  if (!suspect) {
    try {
      tryClone(items, to);
      return 'cloneable';
    } catch {
      // Fall through to name the culprit.
    }
  }
  for (let i = 0; i < items.length; i++) {
    const problem = cloneProblem(items[i], to);
    if (problem !== null) throw unsendableValue(`${name}[${i}]`, problem);
  }
  // Only the list as a whole failed (a limit of the clone, not of any one item): let the send
  // report it, as it would have without this check.
  return 'cloneable';
}

/** True when the channel to `to` can carry `value` (used to find an uncloneable task result). */
export function isCloneable(value: unknown, to: Destination = 'process'): boolean {
  return cloneProblem(value, to) === null;
}
