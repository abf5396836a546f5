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
  {
    id: 'pool-map-sleep',
    title: 'Pool.map: who waits for whom',
    purpose: 'Tasks of 5, 2, 1 and 3 time units on two workers: the schedule, and what chunksize changes.',
    module: 'pool-map-sleep',
    params: [
      { kind: 'int', name: 'workers', label: 'Worker processes', default: 2, min: 1, max: 8 },
      { kind: 'int', name: 'chunksize', label: 'Chunk size', default: 1, min: 1, max: 4 },
      { kind: 'number', name: 'unit', label: 'Time unit', default: 200, min: 1, max: 2000, unit: 'ms' },
    ],
  },
  {
    id: 'apply-vs-apply-async',
    title: 'apply vs applyAsync',
    purpose: 'Eight random-length tasks on four workers: applyAsync overlaps them, apply runs one at a time.',
    module: 'apply-vs-apply-async',
    params: [
      { kind: 'enum', name: 'mode', label: 'Mode', options: ['applyAsync', 'apply'], default: 'applyAsync' },
      { kind: 'int', name: 'workers', label: 'Worker processes', default: 4, min: 1, max: 16 },
    ],
  },
  {
    id: 'process-join',
    title: 'Processes started and joined',
    purpose: 'Three processes started one after another, then joined: the parent waits for all of them.',
    module: 'process-join',
    params: [],
  },
  {
    id: 'queue-basics',
    title: 'Queue basics',
    purpose: 'Put four colours, get them back in order; and why empty() right after put() can lie.',
    module: 'queue-basics',
    params: [
      { kind: 'enum', name: 'backend', label: 'Backend', options: ['process', 'thread'], default: 'process' },
    ],
  },
  {
    id: 'queue-pass-data',
    title: 'Passing data through a queue',
    purpose: 'Four processes each put a random number; the parent collects all four.',
    module: 'queue-pass-data',
    params: [],
  },
  {
    id: 'producer-consumer',
    title: 'Producer and consumer',
    purpose: 'One producer, one consumer, and a sentinel that tells the consumer to stop.',
    module: 'producer-consumer',
    params: [
      { kind: 'int', name: 'items', label: 'Items', default: 10, min: 1, max: 1000 },
      { kind: 'number', name: 'delay', label: 'Delay per item', default: 50, min: 0, max: 1000, unit: 'ms' },
    ],
  },
  {
    id: 'mpmc-naive',
    title: 'Many producers, many consumers (naive)',
    purpose: 'A consumer leaves at the first sentinel it sees, and items are left behind in the queue.',
    module: 'mpmc-naive',
    // More producers than consumers: with as many of each, the naive program is right by luck.
    params: [
      { kind: 'int', name: 'producers', label: 'Producers', default: 3, min: 1, max: 8 },
      { kind: 'int', name: 'consumers', label: 'Consumers', default: 2, min: 1, max: 8 },
    ],
  },
  {
    id: 'pipe',
    title: 'Pipe',
    purpose: 'A child process sends a message to its parent through a pipe.',
    module: 'pipe',
    params: [],
  },
  {
    id: 'lock-greeting',
    title: 'Greetings under a lock',
    purpose: 'Six processes greet one at a time under a lock, and all are joined.',
    module: 'lock-greeting',
    params: [],
  },
  {
    id: 'race-counter',
    title: 'A shared counter: lost updates',
    purpose: 'Four adders and two subtractors on one counter: without a lock, updates are lost.',
    module: 'race-counter',
    params: [
      { kind: 'bool', name: 'lock', label: 'Use the lock', default: false },
      { kind: 'enum', name: 'backend', label: 'Backend', options: ['process', 'thread'], default: 'process' },
      { kind: 'int', name: 'steps', label: 'Steps per worker', default: 100, min: 1, max: 100000 },
    ],
  },
  {
    id: 'mpmc-fixed',
    title: 'Many producers, many consumers (fixed)',
    purpose: 'A print lock and a count of finished producers: every item is consumed exactly once.',
    module: 'mpmc-fixed',
    params: [
      { kind: 'int', name: 'producers', label: 'Producers', default: 2, min: 1, max: 8 },
      { kind: 'int', name: 'consumers', label: 'Consumers', default: 2, min: 1, max: 8 },
    ],
  },
  {
    id: 'error-callback',
    title: 'A task that throws',
    purpose: "The remote stack trace reaches applyAsync's error callback and the app.",
    module: 'error-callback',
    params: [],
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
