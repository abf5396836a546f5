/**
 * Up-front check that arguments can travel to a worker. Workers receive messages by structured
 * clone; a function or symbol found only when a chunk is sent would fail halfway through a map,
 * after other chunks already ran. Checking first makes the caller's mistake a plain TypeError.
 */
import { unserializableArgument } from './errors';

function cloneProblem(value: unknown): string | null {
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
      // Objects are rare in hot maps; cloning is the only exact test of what the channel accepts.
      try {
        structuredClone(value);
        return null;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
  }
}

/** Throws a TypeError naming the first item of `items` that structured clone cannot carry. */
export function assertCloneable(items: readonly unknown[]): void {
  for (let i = 0; i < items.length; i++) {
    const problem = cloneProblem(items[i]);
    if (problem !== null) throw unserializableArgument(i, problem);
  }
}

/** True when structured clone can carry `value` (used to find an uncloneable task result). */
export function isCloneable(value: unknown): boolean {
  return cloneProblem(value) === null;
}
