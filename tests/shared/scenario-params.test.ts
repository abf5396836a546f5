import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeParam,
  isParamValue,
  parseParamDeclarations,
  parseParamText,
  resolveParamValues,
} from '../../src/shared/scenario-params';
import type { ScenarioParam } from '../../src/shared/scenarios';

const workers: ScenarioParam = {
  kind: 'int',
  name: 'workers',
  label: 'Workers',
  default: 2,
  min: 1,
  max: 64,
};
const unit: ScenarioParam = {
  kind: 'number',
  name: 'unit',
  label: 'Time unit',
  default: 1,
  min: 0.01,
  max: 1000,
  unit: 'ms',
};
const lock: ScenarioParam = { kind: 'bool', name: 'lock', label: 'Lock', default: true };
const backend: ScenarioParam = {
  kind: 'enum',
  name: 'backend',
  label: 'Backend',
  options: ['process', 'thread'],
  default: 'process',
};
const ALL = [workers, unit, lock, backend];

describe('describeParam', () => {
  it('says what each kind takes', () => {
    expect(ALL.map(describeParam)).toEqual([
      'an integer from 1 to 64',
      'a number from 0.01 to 1000 (ms)',
      'true or false',
      'one of process, thread',
    ]);
  });
});

describe('parseParamText', () => {
  it('reads each kind from text', () => {
    expect(parseParamText(workers, ' 8 ')).toEqual({ ok: true, value: 8 });
    expect(parseParamText(unit, '0.25')).toEqual({ ok: true, value: 0.25 });
    for (const yes of ['true', 'YES', 'on', '1'])
      expect(parseParamText(lock, yes)).toEqual({ ok: true, value: true });
    for (const no of ['false', 'No', 'off', '0'])
      expect(parseParamText(lock, no)).toEqual({ ok: true, value: false });
    expect(parseParamText(backend, 'thread')).toEqual({ ok: true, value: 'thread' });
  });

  it('answers what was expected for text of the wrong kind or out of range', () => {
    const bad: [ScenarioParam, string][] = [
      [workers, 'two'],
      [workers, '2.5'],
      [workers, '0'],
      [workers, ''],
      [unit, '0'],
      [unit, 'Infinity'],
      [unit, 'NaN'],
      [lock, 'maybe'],
      [backend, 'Thread'],
      [backend, 'fork'],
    ];
    for (const [param, text] of bad) {
      expect(parseParamText(param, text)).toEqual({ ok: false, expected: describeParam(param) });
    }
  });

  it('reads back every valid value from its own text (property)', () => {
    const valid = fc.oneof(
      fc.integer({ min: 1, max: 64 }).map((v) => [workers, v] as const),
      fc.double({ min: 0.01, max: 1000, noNaN: true }).map((v) => [unit, v] as const),
      fc.boolean().map((v) => [lock, v] as const),
      fc.constantFrom('process', 'thread').map((v) => [backend, v] as const),
    );
    fc.assert(
      fc.property(valid, ([param, value]) => {
        expect(parseParamText(param, String(value))).toEqual({ ok: true, value });
      }),
    );
  });
});

describe('resolveParamValues', () => {
  it('fills in defaults in declaration order and keeps given values of every kind', () => {
    expect(resolveParamValues('demo', ALL, { backend: 'thread', lock: false })).toEqual({
      workers: 2,
      unit: 1,
      lock: false,
      backend: 'thread',
    });
    expect(Object.keys(resolveParamValues('demo', ALL, undefined))).toEqual([
      'workers',
      'unit',
      'lock',
      'backend',
    ]);
  });

  it('rejects a value of the wrong type for its kind with a RangeError naming it', () => {
    expect(() => resolveParamValues('demo', ALL, { lock: 1 })).toThrow(
      new RangeError('parameter lock must be true or false (got 1)'),
    );
    expect(() => resolveParamValues('demo', ALL, { backend: 'fork' })).toThrow(
      'parameter backend must be one of process, thread (got "fork")',
    );
    expect(() => resolveParamValues('demo', ALL, { unit: '1' })).toThrow(RangeError);
    expect(() => resolveParamValues('demo', ALL, { workers: true })).toThrow(RangeError);
  });

  it('accepts exactly the values isParamValue accepts (property)', () => {
    const anything = fc.oneof(
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.string(),
      fc.constantFrom('process', 'thread'),
    );
    fc.assert(
      fc.property(fc.constantFrom(...ALL), anything, (param, value) => {
        const attempt = () => resolveParamValues('demo', [param], { [param.name]: value });
        if (isParamValue(param, value)) expect(attempt()).toEqual({ [param.name]: value });
        else expect(attempt).toThrow(RangeError);
      }),
    );
  });
});

describe('parseParamDeclarations', () => {
  const where = '/w/x.ts';

  it('takes an absent export as no parameters', () => {
    expect(parseParamDeclarations(undefined, where)).toEqual([]);
  });

  it('fills in label, a bool default and an enum default', () => {
    expect(
      parseParamDeclarations(
        [
          { kind: 'bool', name: 'lock' },
          { kind: 'enum', name: 'mode', options: ['apply', 'applyAsync'], help: 'How tasks are submitted' },
        ],
        where,
      ),
    ).toEqual([
      { kind: 'bool', name: 'lock', label: 'lock', default: false },
      {
        kind: 'enum',
        name: 'mode',
        label: 'mode',
        help: 'How tasks are submitted',
        options: ['apply', 'applyAsync'],
        default: 'apply',
      },
    ]);
  });

  it('keeps a complete declaration of every kind as it is', () => {
    expect(parseParamDeclarations(ALL, where)).toEqual(ALL);
  });

  it.each([
    ['not an array', { workers: 2 }, '/w/x.ts: params must be an array (got an object)'],
    ['an unknown kind', [{ kind: 'text', name: 'x' }], /^\/w\/x\.ts: params\[0\] \(x\)\.kind: /],
    [
      'a bad name',
      [{ kind: 'bool', name: '2fast' }],
      /^\/w\/x\.ts: params\[0\] \(2fast\)\.name: must be 1–64 letters/,
    ],
    [
      'an int default that is not whole',
      [{ kind: 'int', name: 'n', default: 1.5, min: 0, max: 9 }],
      /params\[0\] \(n\)\.default/,
    ],
    [
      'min above max',
      [{ kind: 'number', name: 'u', default: 1, min: 5, max: 2 }],
      '/w/x.ts: params[0] (u): min 5 is above max 2',
    ],
    [
      'a default out of range',
      [{ kind: 'int', name: 'n', default: 10, min: 0, max: 9 }],
      '/w/x.ts: params[0] (n): default 10 is outside 0..9',
    ],
    [
      'an enum default not among its options',
      [{ kind: 'enum', name: 'm', options: ['a'], default: 'b' }],
      '/w/x.ts: params[0] (m): default "b" is not one of the options',
    ],
    [
      'repeated options',
      [{ kind: 'enum', name: 'm', options: ['a', 'a'] }],
      '/w/x.ts: params[0] (m): options must be distinct',
    ],
    ['an unknown field', [{ kind: 'bool', name: 'b', defualt: true }], /params\[0\] \(b\): .*defualt/],
    [
      'a name used twice',
      [
        { kind: 'bool', name: 'b' },
        { kind: 'bool', name: 'b' },
      ],
      '/w/x.ts: params[1] (b): the name "b" is declared twice',
    ],
    [
      'too many',
      Array.from({ length: 33 }, (_, i) => ({ kind: 'bool', name: `b${i}` })),
      '/w/x.ts: params declares 33 parameters (at most 32)',
    ],
  ])('rejects %s with a TypeError naming the file and the entry', (_what, value, message) => {
    expect(() => parseParamDeclarations(value, where)).toThrow(TypeError);
    expect(() => parseParamDeclarations(value, where)).toThrow(message);
  });
});
