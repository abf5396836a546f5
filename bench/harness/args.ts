/** The harness's command line: `node --import tsx bench/run.ts [--quick | --tiny] [--only ids] [--out file]`. */
import { isAbsolute, join, resolve } from 'node:path';
import { conflictingOptions, missingOptionValue, unknownCase, unknownOption } from './bench-errors';
import { BENCH_DIR } from './probe';
import { CASE_IDS, type BenchMode, type CaseId } from './types';

/** Parsed options. */
export interface BenchOptions {
  mode: BenchMode;
  /** Cases to run (the others are left out of the results). */
  only: ReadonlySet<CaseId>;
  /** Where results.json goes; `bench/results.json` by default. */
  out: string;
  help: boolean;
}

/** Usage text for `--help`. */
export const USAGE = `Usage: npm run bench -- [options]

  --quick        fewer rounds and 3 s sampler windows (under two minutes)
  --tiny         tiny sizes: proves the harness runs, numbers mean nothing
  --only IDS     comma-separated case ids (default: all): ${CASE_IDS.join(', ')}
  --out FILE     where to write the results (default: bench/results.json)
  --help         this text
`;

const KNOWN = ['--quick', '--tiny', '--only', '--out', '--help'];

/** Parses `argv` (without node and script); throws TypeError/RangeError naming the bad option. */
export function parseArgs(argv: readonly string[], cwd: string = process.cwd()): BenchOptions {
  let mode: BenchMode = 'full';
  let only: Set<CaseId> = new Set(CASE_IDS);
  let out = join(BENCH_DIR, 'results.json');
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = splitInline(argv[i]!);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw missingOptionValue(flag);
      return v;
    };
    switch (flag) {
      case '--quick':
      case '--tiny': {
        const next = flag === '--quick' ? 'quick' : 'tiny';
        if (mode !== 'full' && mode !== next) throw conflictingOptions('--quick', '--tiny');
        mode = next;
        break;
      }
      case '--only':
        only = new Set(
          value()
            .split(',')
            .map((id) => id.trim())
            .filter((id) => id !== '')
            .map((id) => {
              if (!(CASE_IDS as readonly string[]).includes(id)) throw unknownCase('--only', id, CASE_IDS);
              return id as CaseId;
            }),
        );
        break;
      case '--out': {
        const file = value();
        out = isAbsolute(file) ? file : resolve(cwd, file);
        break;
      }
      case '--help':
        help = true;
        break;
      default:
        throw unknownOption(argv[i]!, KNOWN);
    }
  }
  return { mode, only, out, help };
}

/** `--out=x` → ['--out', 'x']; other arguments pass through. */
function splitInline(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}
