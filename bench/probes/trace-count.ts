/**
 * Counting trace events without depending on every event type: a task is complete in the
 * trace once it has a `task-end`, or is one of the `count` tasks of a `task-batch` (the
 * runtime may fold many short tasks into one such event).
 */

/** Running totals over trace batches. */
export class TraceCount {
  /** Every event received. */
  events = 0;
  /** Tasks whose end the trace records. */
  tasksEnded = 0;
  /** Events per `type`. */
  readonly byType: Record<string, number> = {};

  /** Adds one batch. */
  add(batch: readonly unknown[]): void {
    this.events += batch.length;
    for (const event of batch) {
      const { type, count } = event as { type?: unknown; count?: unknown };
      const key = String(type);
      this.byType[key] = (this.byType[key] ?? 0) + 1;
      if (type === 'task-end') this.tasksEnded += 1;
      else if (type === 'task-batch' && typeof count === 'number') this.tasksEnded += count;
    }
  }
}
