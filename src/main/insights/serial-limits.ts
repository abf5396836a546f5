/** Thresholds shared by the `serialised` detectors (serialised.ts, serialised-lock.ts). */

/** Fewest tasks that can show a pattern. */
export const SERIAL_MIN_TASKS = 3;
/** Least work (sum of task durations, µs) worth running in parallel. */
export const SERIAL_MIN_WORK_US = 10_000;
/** At most this many task ids go into an insight's evidence. */
export const MAX_TASK_IDS = 100;
