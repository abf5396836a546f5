import { describe, expect, it } from 'vitest';
import { formatCommandHelp, parseArgs, suggest, type CommandSpec } from '../../../src/main/cli/args';
import { UsageError } from '../../../src/main/cli/cli-errors';

const spec = {
  name: 'run',
  summary: 'Run something.',
  args: [{ name: 'scenario', help: 'Scenario id' }],
  flags: {
    workers: { kind: 'number', value: 'N', help: 'Workers', integer: true, min: 1 },
    seconds: { kind: 'number', value: 'S', help: 'Seconds', min: 0, minExclusive: true, max: 10 },
    param: { kind: 'string', value: 'K=V', help: 'A parameter', repeatable: true },
    trace: { kind: 'string', value: 'FILE', help: 'Trace file' },
    open: { kind: 'boolean', help: 'Open it' },
  },
} as const satisfies CommandSpec;

function usageError(argv: string[]): string {
  try {
    parseArgs(spec, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`parseArgs(${argv.join(' ')}) did not throw`);
}

describe('parseArgs', () => {
  it('reads positionals, --flag value, --flag=value, booleans and repeatable flags', () => {
    const parsed = parseArgs(spec, [
      'pool-map',
      '--workers',
      '3',
      '--param=a=1',
      '--param',
      'b=2',
      '--trace=t.json',
      '--open',
    ]);
    expect(parsed).toEqual({
      args: ['pool-map'],
      flags: { workers: 3, param: ['a=1', 'b=2'], trace: 't.json', open: true },
      help: false,
    });
  });

  it('negates a boolean with --no-, and lets the last occurrence win', () => {
    expect(parseArgs(spec, ['x', '--open', '--no-open']).flags.open).toBe(false);
    expect(parseArgs(spec, ['x', '--workers', '1', '--workers', '2']).flags.workers).toBe(2);
  });

  it('treats everything after -- as positionals', () => {
    expect(() => parseArgs(spec, ['--', '--open'])).not.toThrow();
    expect(parseArgs(spec, ['--', '--open']).args).toEqual(['--open']);
  });

  it('answers help for -h or --help anywhere, without checking the rest', () => {
    expect(parseArgs(spec, ['--bogus', '-h']).help).toBe(true);
    expect(parseArgs(spec, ['--help']).help).toBe(true);
  });

  it('names unknown flags and suggests the closest one', () => {
    expect(usageError(['x', '--wrokers', '2'])).toBe(
      "unknown flag --wrokers for 'run' (did you mean --workers?)",
    );
    expect(usageError(['x', '--zzzzzzzz'])).toBe("unknown flag --zzzzzzzz for 'run'");
    expect(usageError(['x', '-w', '2'])).toMatch(/^unknown flag -w for 'run'/);
    expect(usageError(['x', '--no-trace'])).toMatch(/^unknown flag --no-trace/);
  });

  it('reports a missing value, also when the next word is a flag', () => {
    expect(usageError(['x', '--trace'])).toBe("missing value for --trace in 'run' (expected --trace FILE)");
    expect(usageError(['x', '--workers', '--open'])).toMatch(/^missing value for --workers/);
  });

  it('checks numbers: form, integer-ness and bounds', () => {
    expect(usageError(['x', '--workers', 'two'])).toBe(
      "bad value for --workers: expected an integer >= 1 (got 'two')",
    );
    expect(usageError(['x', '--workers', '1.5'])).toMatch(/expected an integer >= 1/);
    expect(usageError(['x', '--workers', '-1'])).toMatch(/got '-1'/);
    expect(usageError(['x', '--seconds', '0'])).toBe(
      "bad value for --seconds: expected a number > 0 and <= 10 (got '0')",
    );
    expect(usageError(['x', '--seconds', ''])).toMatch(/bad value for --seconds/);
    expect(parseArgs(spec, ['x', '--seconds', '0.3']).flags.seconds).toBe(0.3);
  });

  it('refuses a value for a boolean flag', () => {
    expect(usageError(['x', '--open=yes'])).toBe("flag --open of 'run' takes no value");
  });

  it('reports missing and extra positionals', () => {
    expect(usageError([])).toBe("missing <scenario> for 'run'; see 'parascope run --help'");
    expect(usageError(['a', 'b'])).toBe("unexpected argument 'b' for 'run'");
  });
});

describe('suggest', () => {
  it('finds near misses only', () => {
    expect(suggest('topolgy', ['topology', 'monitor'])).toBe('topology');
    expect(suggest('xyz', ['topology', 'monitor'])).toBeUndefined();
  });
});

describe('formatCommandHelp', () => {
  it('lists usage, every flag with its value and bounds, and -h', () => {
    const help = formatCommandHelp(spec);
    expect(help).toMatch(/^Usage: parascope run <scenario> \[flags\]\n/);
    expect(help).toContain('--workers N');
    expect(help).toContain('Seconds (a number > 0 and <= 10)');
    expect(help).toContain('-h, --help');
  });
});
