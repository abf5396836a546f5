/** Wording helpers shared by the detectors' messages. */

/** A duration in microseconds as people read it: `850 µs`, `12 ms`, `1.4 s`. */
export function formatDuration(us: number): string {
  if (us < 1000) return `${Math.round(us)} µs`;
  if (us < 1_000_000) return `${round(us / 1000)} ms`;
  return `${round(us / 1_000_000)} s`;
}

/** A fraction as a whole percentage: `0.784` → `78%`. */
export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** `n` and the noun, plural when `n` is not 1: `1 item`, `3 items`. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

/** Two significant digits for small numbers, whole numbers from 10 on. */
export function round(x: number): string {
  return x >= 10 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
}

/** `a`, `a and b`, `a, b and c`. */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A value as a trace event shows it, for messages. */
export function showValue(value: number | string): string {
  return typeof value === 'number' ? String(value) : value;
}
