/**
 * Task functions the benchmarks run in pool workers (imported there by name, like any user's
 * task module). Kept trivial on purpose: the benchmarks measure the runtime, not the task.
 */

/** The issue's `square`: Python's `def f(x): return x*x`. */
export function square(x: number): number {
  return x * x;
}
