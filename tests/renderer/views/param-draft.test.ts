import { describe, expect, it } from 'vitest';
import { draftOf, hintOf, problemOf, valuesOf } from '../../../src/renderer/views/param-draft';
import type { ScenarioParam } from '../../../src/shared/scenarios';

const PARAMS: ScenarioParam[] = [
  { kind: 'int', name: 'workers', label: 'Workers', default: 2, min: 1, max: 64 },
  { kind: 'number', name: 'unit', label: 'Time unit', default: 10, min: 0.1, max: 1000, unit: 'ms' },
  { kind: 'bool', name: 'lock', label: 'Lock', default: true },
  { kind: 'enum', name: 'mode', label: 'Mode', options: ['apply', 'applyAsync'], default: 'applyAsync' },
];
const [workers, unit, lock, mode] = PARAMS as [ScenarioParam, ScenarioParam, ScenarioParam, ScenarioParam];

describe('param drafts', () => {
  it('show defaults until edited', () => {
    expect(PARAMS.map((p) => draftOf(p, {}))).toEqual(['2', '10', true, 'applyAsync']);
    expect(valuesOf(PARAMS, {})).toEqual({ workers: 2, unit: 10, lock: true, mode: 'applyAsync' });
  });

  it('become values of each kind once edited', () => {
    const draft = { workers: '8', unit: '0.5', lock: false, mode: 'apply' };
    expect(valuesOf(PARAMS, draft)).toEqual({ workers: 8, unit: 0.5, lock: false, mode: 'apply' });
    expect(PARAMS.map((p) => problemOf(p, draft))).toEqual([null, null, null, null]);
  });

  it('say in a few words what is wrong, and give no values until it is fixed', () => {
    const cases: [ScenarioParam, string, string][] = [
      [workers, '', 'required'],
      [workers, 'two', 'whole number'],
      [workers, '2.5', 'whole number'],
      [workers, '65', '1–64'],
      [unit, 'fast', 'number'],
      [unit, '0', '0.1–1000 ms'],
      [mode, 'fork', 'choose one'],
    ];
    for (const [param, text, problem] of cases) {
      const draft = { [param.name]: text };
      expect(problemOf(param, draft)).toBe(problem);
      expect(valuesOf(PARAMS, draft)).toBeNull();
    }
  });

  it('hint the range (and unit) of numeric parameters only', () => {
    expect(PARAMS.map(hintOf)).toEqual(['1–64', '0.1–1000 ms', '', '']);
    expect(problemOf(lock, {})).toBeNull();
  });
});
