import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOG, findScenario, listScenarios, scenarioModulePath } from '../../src/scenarios/catalog';
import { expectedFor, hasExpected, isScenarioModule } from '../../src/scenarios/context';

describe('scenario catalog', () => {
  it('has unique ids and pool-map with its workers parameter', () => {
    const ids = CATALOG.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(findScenario('pool-map')).toMatchObject({
      id: 'pool-map',
      title: 'Pool.map: squares',
      params: [{ kind: 'int', name: 'workers', default: 2, min: 1, max: 64 }],
    });
    expect(findScenario('nope')).toBeUndefined();
  });

  it('resolves every module next to the catalog with its own extension, and each is a scenario', async () => {
    for (const entry of CATALOG) {
      const file = scenarioModulePath(entry);
      expect(file).toMatch(new RegExp(`/src/scenarios/${entry.module}\\.ts$`));
      expect(existsSync(file)).toBe(true);
      expect(isScenarioModule(await import(pathToFileURL(file).href))).toBe(true);
    }
  });

  it('lists public descriptions only, as copies the caller may change', () => {
    const list = listScenarios();
    expect(list[0]).not.toHaveProperty('module');
    list[0]!.params[0]!.default = 99;
    expect(listScenarios()[0]!.params[0]!.default).toBe(2);
  });
});

describe('isScenarioModule', () => {
  it('needs a main function', () => {
    expect(isScenarioModule({ main: async () => 1 })).toBe(true);
    expect(isScenarioModule({ main: () => 1, expected: [1] })).toBe(true);
    expect(isScenarioModule({ main: 1 })).toBe(false);
    expect(isScenarioModule({ expected: () => 1 })).toBe(false);
    expect(isScenarioModule(null)).toBe(false);
  });
});

describe('expectedFor', () => {
  it('calls an expected function with the params, and takes any other value as the answer', () => {
    const main = (): number => 1;
    expect(expectedFor({ main, expected: (p: { n: number }) => p.n * 2 }, { n: 21 })).toBe(42);
    expect(expectedFor({ main, expected: [1, 4, 9] }, {})).toEqual([1, 4, 9]);
    expect(hasExpected({ main, expected: 0 })).toBe(true);
    expect(hasExpected({ main })).toBe(false);
  });
});
