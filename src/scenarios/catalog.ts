/**
 * The built-in scenarios. Ids are public interface (`parascope run <id>`, saved traces), so
 * an id never changes meaning once released.
 *
 * Each entry names its module by base name; the file sits next to this one and is resolved
 * with this file's own extension: `.ts` when running from source under tsx, `.js` in the
 * build (which keeps the `src/` layout). `new URL('./x', import.meta.url)` is avoided on
 * purpose, because Vite rewrites that pattern into an asset reference.
 */
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioInfo } from '../shared/scenarios';

/** A catalog entry: what the user sees plus where the code lives. */
export interface CatalogEntry extends ScenarioInfo {
  /** Base name of the scenario's module file in `src/scenarios/` (no extension). */
  module: string;
}

/** Every built-in scenario, in the order the picker and `parascope scenarios` show them. */
export const CATALOG: readonly CatalogEntry[] = [
  {
    id: 'pool-map',
    title: 'Pool.map: squares',
    purpose: 'Apply one function to every item of a list on a pool of worker processes.',
    module: 'pool-map',
    params: [{ kind: 'int', name: 'workers', label: 'Worker processes', default: 2, min: 1, max: 64 }],
  },
];

const here = fileURLToPath(import.meta.url);

/** The public descriptions of every scenario (fresh copies: callers may not mutate the catalog). */
export function listScenarios(): ScenarioInfo[] {
  return CATALOG.map(({ id, title, purpose, params }) => ({
    id,
    title,
    purpose,
    params: structuredClone(params),
  }));
}

/** The catalog entry with this id, or undefined. */
export function findScenario(id: string): CatalogEntry | undefined {
  return CATALOG.find((entry) => entry.id === id);
}

/** Absolute path of a catalog entry's module file. */
export function scenarioModulePath(entry: CatalogEntry): string {
  return join(dirname(here), `${entry.module}${extname(here)}`);
}
