/** Prints the results as a Markdown table (readable in a terminal, pasteable into docs/BENCHMARKS.md). */
import { shortfall } from './stats';
import type { CaseResult, Target } from './types';

/** A number with three significant digits and a k/M suffix for large values. */
export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toPrecision(3)} M`;
  if (abs >= 1e3) return `${(value / 1e3).toPrecision(3)} k`;
  return value.toPrecision(3);
}

function withUnit(value: number | null, unit: string): string {
  return value === null ? '—' : `${formatNumber(value)} ${unit}`;
}

/** What a verdict cell needs (a row or one of its parts). */
interface Verdict {
  met: boolean | null;
  target: Target;
  parascope: number | null;
  ratio: number | null;
}

/** "yes", or "NO" with how far off it is ("NO (2.6x off)", "NO (7% off)"). */
function metCell(c: Verdict): string {
  if (c.met) return 'yes';
  const factor = shortfall(c.target, c.parascope, c.ratio);
  if (factor === null) return 'NO';
  // Near misses read better as a percentage ("7% off") than as "1.1x off".
  const percent = (factor - 1) * 100;
  if (factor < 1.5) return `NO (${percent.toFixed(percent < 10 ? 1 : 0)}% off)`;
  return `NO (${factor.toFixed(1)}x off)`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The table: one row per case (one per part for cases with parts), in the order given. */
export function formatTable(cases: readonly CaseResult[]): string {
  const lines = [
    row(['case', 'Parascope', 'peer', 'ratio', 'target', 'met']),
    row(['---', '---:', '---', '---:', '---', '---']),
  ];
  for (const c of cases) {
    if (c.status !== 'measured') {
      const what = c.status === 'error' ? 'error (see notes)' : 'not yet measurable';
      lines.push(row([`\`${c.id}\``, what, c.peerName ?? '—', '—', c.target.text, '—']));
      continue;
    }
    if (c.parts) {
      for (const p of c.parts) {
        const cells = [`${withUnit(p.peer, p.unit)} (${p.peerName})`, `${p.ratio.toPrecision(3)}x`];
        const name = `\`${c.id}\` ${p.label}`;
        lines.push(row([name, withUnit(p.parascope, p.unit), ...cells, p.target.text, metCell(p)]));
      }
      continue;
    }
    const peer = c.peerName === null ? '—' : `${withUnit(c.peer, c.unit)} (${c.peerName})`;
    const ratio = c.ratio === null ? '—' : `${c.ratio.toPrecision(3)}x`;
    lines.push(row([`\`${c.id}\``, withUnit(c.parascope, c.unit), peer, ratio, c.target.text, metCell(c)]));
  }
  return lines.join('\n');
}

/** Notes under the table: mode caveats, then each case's note. */
export function formatNotes(caveats: readonly string[], cases: readonly CaseResult[]): string {
  const lines = [...caveats.map((c) => `- ${c}`)];
  for (const c of cases) {
    if (!c.note) continue;
    // An error's first line says what failed; its stderr tail stays in results.json.
    const [first = '', ...rest] = c.note.split('\n');
    lines.push(`- \`${c.id}\`: ${first}${rest.length > 0 ? ' (details in the results file)' : ''}`);
  }
  return lines.join('\n');
}
