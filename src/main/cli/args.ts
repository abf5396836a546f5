/**
 * A small, typed, table-driven argument parser. Each command declares its positional
 * arguments and flags once (a {@link CommandSpec}); parsing, validation, "did you mean"
 * suggestions and the help text all come from that declaration.
 *
 * Accepted forms: `--flag value`, `--flag=value`, `--bool`, `--no-bool`, `--` to end flags.
 */
import { suggest } from '../../shared/suggest';
import {
  badValue,
  missingArgument,
  missingValue,
  unexpectedArgument,
  unexpectedValue,
  unknownFlag,
} from './cli-errors';

/** A flag that is on or off (`--open`, `--no-open`). */
export interface BooleanFlag {
  kind: 'boolean';
  help: string;
}

/** A numeric flag, checked against its bounds. */
export interface NumberFlag {
  kind: 'number';
  help: string;
  /** Placeholder in help and messages, e.g. `N`. */
  value: string;
  integer?: boolean;
  min?: number;
  max?: number;
  /** `min` itself is not allowed (a "positive" number). */
  minExclusive?: boolean;
}

/** A string flag; a repeatable one collects every occurrence. */
export interface StringFlag {
  kind: 'string';
  help: string;
  value: string;
  repeatable?: boolean;
}

/** Any flag declaration. */
export type FlagSpec = BooleanFlag | NumberFlag | StringFlag;

/** A command's declaration: name, positionals (all required, in order) and flags by name (no dashes). */
export interface CommandSpec<F extends Record<string, FlagSpec> = Record<string, FlagSpec>> {
  name: string;
  summary: string;
  args: readonly { name: string; help: string }[];
  flags: F;
}

/** The parsed value type of each declared flag (absent when not given). */
export type FlagValues<F extends Record<string, FlagSpec>> = {
  [K in keyof F]?: F[K] extends BooleanFlag
    ? boolean
    : F[K] extends NumberFlag
      ? number
      : F[K] extends { repeatable: true }
        ? string[]
        : string;
};

/** Result of {@link parseArgs}. */
export interface ParsedArgs<F extends Record<string, FlagSpec>> {
  args: string[];
  flags: FlagValues<F>;
  /** `--help` or `-h` was given (nothing else is then checked). */
  help: boolean;
}

export { suggest };

function describeNumber(spec: NumberFlag): string {
  const kind = spec.integer ? 'an integer' : 'a number';
  const lo = spec.min === undefined ? undefined : `${spec.minExclusive ? '>' : '>='} ${spec.min}`;
  const hi = spec.max === undefined ? undefined : `<= ${spec.max}`;
  const bounds = [lo, hi].filter(Boolean).join(' and ');
  return bounds ? `${kind} ${bounds}` : kind;
}

function parseNumber(flag: string, raw: string, spec: NumberFlag): number {
  const value = raw.trim() === '' ? NaN : Number(raw);
  const ok =
    Number.isFinite(value) &&
    (!spec.integer || Number.isInteger(value)) &&
    (spec.min === undefined || (spec.minExclusive ? value > spec.min : value >= spec.min)) &&
    (spec.max === undefined || value <= spec.max);
  if (!ok) throw badValue(flag, raw, describeNumber(spec));
  return value;
}

/** Parses `argv` (the words after the command name) against `spec`; throws UsageError. */
export function parseArgs<F extends Record<string, FlagSpec>>(
  spec: CommandSpec<F>,
  argv: readonly string[],
): ParsedArgs<F> {
  if (argv.some((word) => word === '--help' || word === '-h')) return { args: [], flags: {}, help: true };
  const flags: Record<string, boolean | number | string | string[]> = {};
  const args: string[] = [];
  const names = Object.keys(spec.flags);
  let onlyArgs = false;

  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (onlyArgs || !word.startsWith('-') || word === '-') {
      args.push(word);
      continue;
    }
    if (word === '--') {
      onlyArgs = true;
      continue;
    }
    const eq = word.indexOf('=');
    const flag = eq === -1 ? word : word.slice(0, eq);
    const inline = eq === -1 ? undefined : word.slice(eq + 1);
    let name = flag.replace(/^--?/, '');
    let negated = false;
    if (
      !Object.hasOwn(spec.flags, name) &&
      name.startsWith('no-') &&
      spec.flags[name.slice(3)]?.kind === 'boolean'
    ) {
      name = name.slice(3);
      negated = true;
    }
    const flagSpec: FlagSpec | undefined = Object.hasOwn(spec.flags, name) ? spec.flags[name] : undefined;
    if (!flagSpec || !flag.startsWith('--')) {
      const hint = suggest(name, names);
      throw unknownFlag(flag, spec.name, hint && `--${hint}`);
    }
    if (flagSpec.kind === 'boolean') {
      if (inline !== undefined) throw unexpectedValue(flag, spec.name);
      flags[name] = !negated;
      continue;
    }
    let raw = inline;
    if (raw === undefined) {
      const next = argv[i + 1];
      // The next word is the value unless it is a long flag; `-1` is a (bad) value, not a flag.
      if (next === undefined || next.startsWith('--')) throw missingValue(flag, spec.name, flagSpec.value);
      raw = next;
      i++;
    }
    if (flagSpec.kind === 'number') {
      flags[name] = parseNumber(flag, raw, flagSpec);
    } else if (flagSpec.repeatable) {
      const list = (flags[name] as string[] | undefined) ?? [];
      list.push(raw);
      flags[name] = list;
    } else {
      flags[name] = raw;
    }
  }

  if (args.length < spec.args.length) throw missingArgument(spec.args[args.length]!.name, spec.name);
  if (args.length > spec.args.length) throw unexpectedArgument(args[spec.args.length]!, spec.name);
  return { args, flags: flags as FlagValues<F>, help: false };
}

/** Help text of one command, generated from its declaration. */
export function formatCommandHelp(spec: CommandSpec): string {
  const positionals = spec.args.map((a) => ` <${a.name}>`).join('');
  const lines = [
    `Usage: parascope ${spec.name}${positionals}${Object.keys(spec.flags).length ? ' [flags]' : ''}`,
    '',
    spec.summary,
  ];
  const rows: [string, string][] = [
    ...spec.args.map((a): [string, string] => [`<${a.name}>`, a.help]),
    ...Object.entries(spec.flags).map(([name, f]): [string, string] => [
      f.kind === 'boolean' ? `--${name}` : `--${name} ${f.value}`,
      f.kind === 'number' ? `${f.help} (${describeNumber(f)})` : f.help,
    ]),
    ['-h, --help', 'Show this help'],
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  lines.push('', ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`));
  return `${lines.join('\n')}\n`;
}
