import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProcStat } from '../../../src/main/sampler/proc-stat-parse';

const parse = (text: string, truncated = false) => parseProcStat(Buffer.from(text, 'latin1'), truncated);

describe('parseProcStat', () => {
  it('reads user, nice, system, idle and irq of each CPU line in ms, as os.cpus() does', () => {
    const text =
      'cpu  9 9 9 9 9 9 9 9 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\ncpu1 10 20 30 40 50 60 70 80 0 0\nintr 5\n';
    expect(parse(text)).toEqual({
      cpus: [
        { times: { user: 10, nice: 20, sys: 30, idle: 40, irq: 60 } },
        { times: { user: 100, nice: 200, sys: 300, idle: 400, irq: 600 } },
      ],
    });
  });

  it('accepts old kernels (six fields), runs of spaces, numbered gaps, and no trailing line', () => {
    expect(parse('cpu  1 1 1 1 1 1\ncpu3   7 0 0 3 0 1')).toEqual({
      cpus: [{ times: { user: 70, nice: 0, sys: 0, idle: 30, irq: 10 } }],
    });
  });

  it('refuses texts without CPU lines or with fields that are not counters', () => {
    expect(parse('')).toEqual({ error: 'no per-CPU lines' });
    expect(parse('cpu  1 2 3 4 5 6\nintr 1\n')).toEqual({ error: 'no per-CPU lines' });
    expect(parse('cpu  1 2 3 4 5 6\ncpu0 1 2 3 4 5\n')).toEqual({ error: 'unexpected format' });
    expect(parse('cpu  1 2 3 4 5 6\ncpu0 1 2 -3 4 5 6\n')).toEqual({ error: 'unexpected format' });
    expect(parse('cpu  1 2 3 4 5 6\ncpuX 1 2 3 4 5 6\n')).toEqual({ error: 'unexpected format' });
  });

  it('trusts a reading that filled its buffer only if the CPU lines end inside it', () => {
    const text = 'cpu  1 1 1 1 1 1\ncpu0 1 2 3 4 5 6\ncpu1 1 2 3 4 5 6\nintr 1 2';
    expect(parse(text, true)).toMatchObject({ cpus: [{}, {}] });
    expect(parse(text.slice(0, text.indexOf('intr')), true)).toEqual({
      error: 'CPU lines longer than the buffer',
    });
    expect(parse(text.slice(0, text.indexOf('cpu1') + 8), true)).toEqual({
      error: 'CPU lines longer than the buffer',
    });
  });

  it('reads back any counters written in the /proc/stat layout', () => {
    const counter = fc.nat({ max: 2 ** 40 });
    const cpu = fc.array(counter, { minLength: 10, maxLength: 10 });
    fc.assert(
      fc.property(fc.array(cpu, { minLength: 1, maxLength: 32 }), (cpus) => {
        const lines = [
          'cpu  0 0 0 0 0 0 0 0 0 0',
          ...cpus.map((c, i) => `cpu${i} ${c.join(' ')}`),
          'intr 0',
          '',
        ];
        const reading = parse(lines.join('\n'));
        expect(reading).toEqual({
          cpus: cpus.map(([user, nice, sys, idle, , irq]) => ({
            times: { user: user! * 10, nice: nice! * 10, sys: sys! * 10, idle: idle! * 10, irq: irq! * 10 },
          })),
        });
      }),
    );
  });
});
