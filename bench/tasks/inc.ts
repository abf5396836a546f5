/**
 * The task of `task-throughput`: Python's `def inc(x): return x + 1`. Run by Parascope's pool
 * (by name) and by piscina (`run(x, { name: 'inc' })`), so both run the very same function.
 */

/** x + 1. */
export function inc(x: number): number {
  return x + 1;
}
