/** Text formats shared by the views; they follow lscpu where lscpu has a format. */
import type { CacheSummary } from '../../shared/topology';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Binary size the way lscpu prints it: "48 KiB", "1.3 MiB", "32 MiB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = Math.round(value * 10) / 10;
  const text = Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
  return `${text} ${UNITS[unit]}`;
}

/** A cache level as lscpu's summary shows it: "64 KiB (2 instances)"; "—" when absent. */
export function formatCacheSummary(cache: CacheSummary | null): string {
  if (!cache) return '—';
  const noun = cache.instances === 1 ? 'instance' : 'instances';
  return `${formatBytes(cache.bytes)} (${cache.instances} ${noun})`;
}

/** CPU numbers in lscpu's list form: [0,1,2,3,6] → "0-3,6". Input order does not matter. */
export function formatCpuList(cpus: readonly number[]): string {
  const sorted = [...new Set(cpus)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** A utilisation percentage with a fixed width-friendly precision: "7.5 %", "100 %". */
export function formatPercent(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const clamped = Math.min(100, Math.max(0, value));
  return `${clamped >= 99.95 ? '100' : clamped.toFixed(1)} %`;
}

/**
 * A result value for people: JSON-like with a space after each comma, so long arrays wrap
 * between items rather than inside a number; cut to `max` characters with an ellipsis.
 * Stops building as soon as the budget is spent, so a million-item result costs nothing.
 */
export function formatValue(value: unknown, max = 400): string {
  const out: string[] = [];
  let length = 0;
  const write = (text: string): boolean => {
    out.push(text);
    length += text.length;
    return length <= max;
  };
  const visit = (v: unknown, depth: number): boolean => {
    if (v === undefined) return write('undefined');
    if (v === null || typeof v === 'number' || typeof v === 'boolean') return write(String(v));
    if (typeof v === 'string') return write(JSON.stringify(v));
    if (typeof v !== 'object') return write(String(v));
    if (depth > 8) return write('…');
    const entries: [string | null, unknown][] = Array.isArray(v)
      ? v.map((item) => [null, item])
      : Object.entries(v as Record<string, unknown>);
    if (!write(Array.isArray(v) ? '[' : '{')) return false;
    for (let i = 0; i < entries.length; i++) {
      const [key, item] = entries[i]!;
      if (i > 0 && !write(', ')) return false;
      if (key !== null && !write(`${JSON.stringify(key)}: `)) return false;
      if (!visit(item, depth + 1)) return false;
    }
    return write(Array.isArray(v) ? ']' : '}');
  };
  const complete = visit(value, 0);
  const text = out.join('');
  return complete && text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
