import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../bench/harness/args';
import { CASE_IDS } from '../../bench/harness/types';

describe('bench command line', () => {
  it('runs every case in full mode into bench/results.json by default', () => {
    const options = parseArgs([]);
    expect(options.mode).toBe('full');
    expect([...options.only]).toEqual([...CASE_IDS]);
    expect(options.out).toBe(join(import.meta.dirname, '..', '..', 'bench', 'results.json'));
  });

  it('takes --quick, --only and --out (also as --opt=value), resolving --out against the cwd', () => {
    const options = parseArgs(
      ['--quick', '--only=sampler-cost, map-throughput', '--out', 'x/r.json'],
      '/tmp',
    );
    expect(options.mode).toBe('quick');
    expect([...options.only]).toEqual(['sampler-cost', 'map-throughput']);
    expect(options.out).toBe('/tmp/x/r.json');
  });

  it('names the offending option in its errors', () => {
    expect(() => parseArgs(['--fast'])).toThrow(TypeError);
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option "--fast"/);
    expect(() => parseArgs(['--only', 'map-speed'])).toThrow(RangeError);
    expect(() => parseArgs(['--only', 'map-speed'])).toThrow(/--only: unknown case "map-speed"/);
    expect(() => parseArgs(['--out'])).toThrow(/--out needs a value/);
    expect(() => parseArgs(['--quick', '--tiny'])).toThrow(/--quick and --tiny/);
  });
});
